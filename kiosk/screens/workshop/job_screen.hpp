// One job on the technician's tablet (workshop mode, signed in): the work order's number (the
// provisional one, and the hub's once it has seen the order), plate, car and the customer's
// concerns; a big 上工 / 暂停 (clock on; clock off with a reason: waiting for parts, lunch, another
// job, done, end of day); the standard steps of the job's templates (one template per labour line
// whose service has one) in order — tick checklist items, type readings on a numeric pad (a value
// outside its range asks "超出范围，确认无误？" and is flagged in red), mark a finding green /
// yellow / red with a note, and "本步骤完成" once the checklist is ticked and the readings typed;
// and 待交车 (ready) when every step is done. What is done comes from the job's facts (the derived
// state), so another tablet's work shows as soon as sync brings it. A step can have photos: 拍照
// takes a still from the tablet's camera, 选择图片 picks a picture file (the tablet has no camera,
// or the picture came from a phone); a step that wants a photo cannot be finished without one.
// No SQL: WorkOrderService and the other services in WorkshopServices.
//
//   m_app.router.push(std::make_unique<JobScreen>(m_app, m_s, orderId));
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/screen.hpp"
#include "kiosk/ui/dialogs.hpp"
#include "shared/capture/service_set.hpp"
#include "shared/customers/customer_service.hpp"
#include "shared/stores/store_time.hpp"
#include "shared/visits/service_menu.hpp"
#include "shared/workorders/job_photos.hpp"
#include "shared/workorders/job_templates.hpp"
#include "shared/workorders/work_order_service.hpp"

namespace fc::ui {

// The services the workshop's screens use (owned by the store's ServiceSet) and the job templates
// (read once from assets/jobs when the feature opens).
struct WorkshopServices {
    core::WorkOrderService& orders;
    core::JobPhotoService& photos;
    core::CustomerService& customers;
    core::ServiceCatalog& catalog;
    core::StoreTime& time;
    std::shared_ptr<const core::JobTemplates> templates;  // never null (empty when unreadable)
    std::string templatesError;                           // why they could not be read

    static WorkshopServices from(core::ServiceSet& set);
};

namespace workshop {

// "待开工", "维修中", … for a status.
std::string statusLabel(core::WorkOrderStatus s);
// "W1-0007", or "12号（W1-0007）" once the hub has numbered the order.
std::string numberText(const core::WorkOrderView& v);
// A service error as the technician reads it, in their language where it can be mapped.
std::string errorText(const core::Error& e);
// Whether the person signed in may work on jobs.
bool mayWork(const AppContext& app);

}  // namespace workshop

// One step of the job as the screen shows it: the template's step, and its place.
struct JobStepRef {
    const core::JobStep* step = nullptr;
    std::string service;  // the labour line's service code
    int number = 0;       // 1, 2, … across the job
};

class JobScreen final : public Screen {
public:
    JobScreen(AppContext& app, WorkshopServices services, std::string orderId);
    std::string title() const override;
    void draw(Ui& ui) override;
    // Another work order's number scanned here opens that job instead.
    bool onScan(Ui& ui, const std::string& text) override;

    // Tests: what is loaded.
    const std::optional<core::WorkOrderView>& view() const { return m_view; }
    const std::vector<JobStepRef>& steps() const { return m_steps; }
    const std::string& orderId() const { return m_id; }
    const std::vector<core::JobPhotoInfo>& photos() const { return m_photos; }
    // Tests: a photo is being made (camera or file) and has not come back yet.
    bool photoPending() const { return m_photoBusy; }

private:
    void reload(Ui& ui);
    void drawHeader(Ui& ui);
    void drawActions(Ui& ui, bool narrow);
    // The steps' titles (listOnly: the landscape's left pane) or titles with the open step unfolded.
    void drawSteps(Ui& ui, bool listOnly);
    void stepTitleButton(Ui& ui, const JobStepRef& ref, bool open);
    // Landscape's right pane: the open step, its finish button kept in reach below it.
    void drawOpenStep(Ui& ui);
    // The step's checklist, readings and finding (its finish button is drawn below the scroll).
    void drawStepBody(Ui& ui, const JobStepRef& ref);
    void drawFinish(Ui& ui, const core::JobStep& step);
    float finishHeight(Ui& ui, const core::JobStep& step) const;
    std::string openStepKey() const;
    void drawChecklist(Ui& ui, const core::JobStep& step);
    void drawReadings(Ui& ui, const core::JobStep& step);
    void drawFinding(Ui& ui, const core::JobStep& step);
    void drawPhotos(Ui& ui, const core::JobStep& step);
    void drawPicturePicker(Ui& ui);
    // A photo came back from the camera or a file: saved with the job, or why not.
    void takePhotoResult(Ui& ui);
    int photoCount(const std::string& stepKey) const;
    void drawPauseDialog(Ui& ui);
    void drawReadingPad(Ui& ui);
    void drawOutOfRange(Ui& ui);
    void saveReading(Ui& ui, const core::ReadingSpec& spec, const core::ReadingValue& value);
    // Runs a service call; a failure becomes a toast. Returns whether it worked.
    bool run(Ui& ui, const core::Status& status);
    bool stepReady(const core::JobStep& step) const;
    bool allStepsDone() const;
    bool clockedOnByMe() const;

    AppContext& m_app;
    WorkshopServices m_s;
    std::string m_id;
    DataWatch m_watch;
    std::optional<core::WorkOrderView> m_view;
    std::string m_error;  // the order cannot be read
    std::string m_plate;
    std::string m_car;
    std::vector<JobStepRef> m_steps;
    std::optional<std::string> m_openStep;  // the step shown in full (empty: the first not done)

    // Finding drafts, per step.
    struct FindingDraft {
        std::string level = "green";
        std::string note;
        std::string error;
    };
    std::map<std::string, FindingDraft> m_findings;

    // Photos: the job's (without pictures), the one being made, the picture-file picker.
    std::vector<core::JobPhotoInfo> m_photos;
    bool m_photoBusy = false;
    std::string m_photoStep;      // the step the photo being made is for
    std::string m_photoFileName;  // the picture file it comes from ("" for the camera)
    std::optional<core::Result<platform::Photo>> m_photoResult;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);  // handlers check the screen is still here
    bool m_pickerOpen = false;
    bool m_pickerOpening = false;
    bool m_pickerNoCamera = false;
    std::vector<platform::PictureFile> m_pictures;

    // The pause reasons.
    bool m_pauseOpen = false;
    bool m_pauseOpening = false;

    // The reading pad: which reading is being typed, and what was typed.
    struct ReadingTarget {
        std::string stepKey;
        std::string readingKey;
    };
    std::optional<ReadingTarget> m_pad;
    bool m_padOpening = false;
    std::string m_padText;
    std::string m_padError;
    // A value outside its range, waiting for the technician's confirmation.
    std::optional<ReadingTarget> m_confirmFor;
    core::ReadingValue m_confirmValue;
    ConfirmDialog m_confirm;
};

}  // namespace fc::ui
