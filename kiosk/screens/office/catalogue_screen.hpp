// The store's service catalogue in the office (managers and admins: Capability::kManageSettings):
// every service with its code, name, standard minutes, labour price, VAT rate and whether it is
// offered; a service opens in an edit dialog (names, minutes, price in ¥, VAT, deactivate or offer
// again), and 新增服务 adds one. A validation error is shown under the field it is about, in the
// user's language; nothing is saved then. The list reloads when the services table changes (a
// save here, or another PC's change arriving by sync). No SQL: CatalogueService does the work.
//
//   app.router.push(std::make_unique<CatalogueScreen>(app, services.get<core::CatalogueService>()));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/screens/office/desk_common.hpp"
#include "kiosk/ui/table.hpp"
#include "shared/catalogue/catalogue_service.hpp"

namespace fc::ui {

class CatalogueScreen final : public Screen {
public:
    CatalogueScreen(AppContext& app, core::CatalogueService& catalogue);
    std::string title() const override;
    void draw(Ui& ui) override;

    // Tests: the services listed, the error under a dialog field ("code", "name_zh", "name_en",
    // "minutes", "price", "tax_rate"; "" for the rest), whether the dialog is open.
    const std::vector<core::ServiceItem>& rows() const { return m_rows; }
    std::string fieldError(const std::string& field) const { return m_errors.of(field); }
    bool editing() const { return m_dialog.isOpen(); }

private:
    // What the dialog edits: text as typed.
    struct Form {
        std::string id;  // empty: a new service
        std::string code;
        std::string nameZh;
        std::string nameEn;
        std::string minutes;
        std::string price;  // yuan, "298.00"
        int taxRateBp = core::kDefaultServiceTaxRateBp;
        bool active = true;
    };

    void reload();
    void drawList(Ui& ui);
    void drawDialog(Ui& ui);
    void openNew();
    void openEdit(const core::ServiceItem& item);
    void save(Ui& ui);
    void setActive(Ui& ui, bool active);
    void showError(const core::Error& e);

    AppContext& m_app;
    core::CatalogueService& m_catalogue;
    std::vector<core::ServiceItem> m_rows;
    std::string m_loadError;
    std::optional<uint64_t> m_loadedVersion;
    VirtualTable m_table;
    desk::Modal m_dialog;
    Form m_form;
    desk::FieldErrors m_errors;
    std::optional<size_t> m_pendingEdit;  // a row picked while drawing: opened after the list
};

}  // namespace fc::ui
