// What the office screens offer (kiosk/screens/features.cpp calls this).
#pragma once

#include "kiosk/app/features.hpp"

namespace fc::ui {

void registerOfficeFeatures(FeatureRegistry& registry);

}  // namespace fc::ui
