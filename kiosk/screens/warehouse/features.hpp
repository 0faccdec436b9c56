// What the warehouse screens offer (kiosk/screens/features.cpp calls this).
#pragma once

#include "kiosk/app/features.hpp"

namespace fc::ui {

void registerWarehouseFeatures(FeatureRegistry& registry);

}  // namespace fc::ui
