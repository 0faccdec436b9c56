#include "shared/workorders/job_photos.hpp"

#include <sodium.h>

#include "shared/capture/row.hpp"
#include "shared/staff/capabilities.hpp"
#include "shared/workorders/tables.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::core {

std::string encodePhotoText(const std::string& jpeg) {
    std::string out(sodium_base64_ENCODED_LEN(jpeg.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(jpeg.data()), jpeg.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

Result<std::string> decodePhotoText(const std::string& text) {
    if (text.size() > kMaxPhotoText) return invalid("photo: too large");
    std::string out(text.size() / 4 * 3 + 3, '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return invalid("photo: not a stored picture");
    out.resize(len);
    return out;
}

bool looksLikeJpeg(const std::string& bytes) {
    // SOI then a marker, and EOI at the end.
    return bytes.size() >= 8 && static_cast<uint8_t>(bytes[0]) == 0xff && static_cast<uint8_t>(bytes[1]) == 0xd8 &&
           static_cast<uint8_t>(bytes[2]) == 0xff && static_cast<uint8_t>(bytes[bytes.size() - 2]) == 0xff &&
           static_cast<uint8_t>(bytes[bytes.size() - 1]) == 0xd9;
}

JobPhotoService::JobPhotoService(Store& store, WorkOrderService& orders) : m_store(store), m_orders(orders) {}

Result<std::string> JobPhotoService::add(const Session& by, const std::string& orderId, const std::string& stepKey,
                                         const std::string& jpeg, int width, int height) {
    if (!by.can(Capability::kWorkshopJobs) && !by.can(Capability::kManageWorkOrders))
        return requireCapability(by, Capability::kWorkshopJobs).error();
    if (stepKey.empty() || stepKey.size() > 40) return invalid("photo: a step key");
    if (!looksLikeJpeg(jpeg)) return invalid("photo: not a JPEG picture");
    if (jpeg.size() > kMaxPhotoBytes) return invalid("photo: too large (at most 768 KB)");
    if (width < 1 || height < 1 || width > kMaxPhotoEdge || height > kMaxPhotoEdge)
        return invalid("photo: width and height 1 to 4096 pixels");
    return inTx(m_store.db(), [&]() -> Result<std::string> {
        FC_ASSIGN(WorkOrderView order, m_orders.get(orderId));
        if (isFinal(order.job.status))
            return conflict(std::string("the work order is ") + workOrderStatusKey(order.job.status) +
                            ": nothing more can be added");
        const std::string id = m_store.ids().next();
        FC_ASSIGN(Row row, RowBuilder(tables::kJobPhotos)
                               .set("store_id", m_store.storeId())
                               .set("work_order_id", orderId)
                               .set("step_key", stepKey)
                               .set("width", SqlValue::integer(width))
                               .set("height", SqlValue::integer(height))
                               .set("jpeg", encodePhotoText(jpeg))
                               .set("staff_id", by.staffId())
                               .set("device_id", m_store.device().deviceId)
                               .set("at", SqlValue::integer(m_store.nowMs()))
                               .build());
        FC_TRY(m_store.writer().insert(tables::kJobPhotos, id, row));
        return id;
    });
}

Result<std::vector<JobPhotoInfo>> JobPhotoService::list(const std::string& orderId) {
    std::vector<JobPhotoInfo> out;
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT id, step_key, width, height, length(jpeg), coalesce(staff_id, ''), "
                                            "at FROM job_photos WHERE work_order_id = ? ORDER BY at, _hlc, id"));
    s->bind(1, orderId);
    FC_TRY(s->each([&](Stmt& r) {
        const auto text = static_cast<size_t>(r.getInt(4));
        out.push_back({r.getText(0), r.getText(1), static_cast<int>(r.getInt(2)), static_cast<int>(r.getInt(3)),
                       text / 4 * 3, r.getText(5), r.getInt(6)});
    }));
    return out;
}

Result<std::map<std::string, int>> JobPhotoService::countByStep(const std::string& orderId) {
    std::map<std::string, int> out;
    FC_ASSIGN(Stmt * s, m_store.db().cached(
                            "SELECT step_key, count(*) FROM job_photos WHERE work_order_id = ? GROUP BY step_key"));
    s->bind(1, orderId);
    FC_TRY(s->each([&](Stmt& r) { out[r.getText(0)] = static_cast<int>(r.getInt(1)); }));
    return out;
}

Result<std::string> JobPhotoService::jpeg(const std::string& photoId) {
    FC_ASSIGN(Stmt * s, m_store.db().cached("SELECT jpeg FROM job_photos WHERE id = ?"));
    s->bind(1, photoId);
    FC_ASSIGN(bool row, s->step());
    std::string text = row ? s->getText(0) : "";
    s->reset();
    if (!row) return notFound("photo " + photoId + " does not exist");
    return decodePhotoText(text);
}

}  // namespace fc::core
