// What the workshop screens offer (kiosk/screens/features.cpp calls this).
#pragma once

#include "kiosk/app/features.hpp"

namespace fc::ui {

void registerWorkshopFeatures(FeatureRegistry& registry);

}  // namespace fc::ui
