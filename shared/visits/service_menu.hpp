// The service menu moved to the catalogue domain (shared/catalogue/service_menu.hpp): the store's
// services are synced master data now. This header stays so existing includes keep working.
#pragma once

#include "shared/catalogue/service_menu.hpp"
