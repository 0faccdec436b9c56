// A scanned code no part has, on the warehouse tablet's lookup: 关联到已有配件 (find a part by its
// name or SKU and give it the code: a GTIN when the code is a valid GTIN-13, else a supplier's
// code) or 新建配件 (name, SKU — the code, to edit — category and unit; the warehouse sets no
// cost or price, the office does), saved with the code in one step. Either way the code then
// finds the part. No SQL: PartService.
//
//   UnknownCodePanel m_unknownPanel{services};
//   m_unknownPanel.reset("6900000000000");
//   if (auto partId = m_unknownPanel.draw(ui, m_app.staff)) showPart(*partId);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/screens/warehouse/warehouse_common.hpp"
#include "kiosk/ui/ui.hpp"
#include "shared/staff/session_types.hpp"

namespace fc::ui {

class UnknownCodePanel {
public:
    explicit UnknownCodePanel(WarehouseServices services) : m_s(services) {}

    // A new unknown code (nothing open yet).
    void reset(const std::string& code);
    // Draws the choices and the open one; the part the code now belongs to, on the frame it is saved.
    std::optional<std::string> draw(Ui& ui, const std::optional<core::Session>& staff);

    // "gtin" for a valid GTIN-13, else "supplier".
    static std::string kindOf(const std::string& code);

private:
    enum class Step { kChoose, kLink, kCreate };
    std::optional<std::string> drawLink(Ui& ui, const std::optional<core::Session>& staff);
    std::optional<std::string> drawCreate(Ui& ui, const std::optional<core::Session>& staff);
    void search();
    std::string formError(const core::Error& e) const;

    WarehouseServices m_s;
    std::string m_code;
    Step m_step = Step::kChoose;
    std::string m_error;
    // Linking.
    std::string m_find;
    std::string m_searched;  // what m_found was searched for
    std::vector<core::Part> m_found;
    // Creating.
    std::string m_name;
    std::string m_sku;
    std::string m_category = "other";
    std::string m_unit = "piece";
};

}  // namespace fc::ui
