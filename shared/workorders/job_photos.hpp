// Photos of a job's steps (the worn pads, the dashboard, the damage before and after), taken by a
// technician at the workshop tablet from its camera or picked from a picture file. Each is a fact
// (job_photos): a JPEG the tablet already made small (platform/scan/photo.hpp), stored with the job
// and synced to the hub like every other job fact. Camera frames are never stored: only a still a
// person took on purpose reaches this service.
//
//   JobPhotoService& photos = services.get<JobPhotoService>();
//   FC_ASSIGN(std::string id, photos.add(tech, orderId, "measure_pads", jpeg, 1280, 960));
//   FC_ASSIGN(auto list, photos.list(orderId));          // without the pictures
//   FC_ASSIGN(std::string bytes, photos.jpeg(list[0].id));
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "shared/capture/store.hpp"
#include "shared/core/result.hpp"
#include "shared/staff/session_types.hpp"

namespace fc::core {

class WorkOrderService;

// Largest photo stored (the JPEG's bytes); the tablet makes them ≤ 1280 px, typically 100–250 KB.
constexpr size_t kMaxPhotoBytes = 768 * 1024;
// The same as stored (base64 text), which is what the hub checks.
constexpr size_t kMaxPhotoText = (kMaxPhotoBytes + 2) / 3 * 4;
static_assert(kMaxPhotoText <= kMaxLargeTextBytes, "a photo must fit the sync protocol's largest text");
constexpr int kMaxPhotoEdge = 4096;

struct JobPhotoInfo {
    std::string id;
    std::string stepKey;
    int width = 0;
    int height = 0;
    size_t bytes = 0;  // the JPEG's size
    std::string staffId;
    int64_t at = 0;
};

class JobPhotoService {
public:
    JobPhotoService(Store& store, WorkOrderService& orders);

    // Technicians (kWorkshopJobs) and advisors (kManageWorkOrders), while the order is not closed
    // or cancelled. Errors: not a JPEG, too large, a size that does not fit, an unknown order.
    Result<std::string> add(const Session& by, const std::string& orderId, const std::string& stepKey,
                            const std::string& jpeg, int width, int height);
    // The order's photos in the order they were taken, without the pictures.
    Result<std::vector<JobPhotoInfo>> list(const std::string& orderId);
    // How many photos each step of the order has.
    Result<std::map<std::string, int>> countByStep(const std::string& orderId);
    // One photo's JPEG bytes.
    Result<std::string> jpeg(const std::string& photoId);

private:
    Store& m_store;
    WorkOrderService& m_orders;
};

// The stored text of a JPEG and back (base64), and whether stored text is a JPEG of an allowed
// size: the row rule the device and the hub share.
std::string encodePhotoText(const std::string& jpeg);
Result<std::string> decodePhotoText(const std::string& text);
bool looksLikeJpeg(const std::string& bytes);

}  // namespace fc::core
