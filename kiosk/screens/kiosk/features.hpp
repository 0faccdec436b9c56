// What the kiosk screens offer (kiosk/screens/features.cpp calls this).
#pragma once

#include "kiosk/app/features.hpp"

namespace fc::ui {

void registerKioskFeatures(FeatureRegistry& registry);

}  // namespace fc::ui
