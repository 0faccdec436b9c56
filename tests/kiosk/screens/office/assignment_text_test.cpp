// The auto-assignment suggestion's one line in both languages (issue 9): "王强：有新能源高压证，今日
// 已排 2.5 小时" / "王强: EV high-voltage certified, 2.5 h booked today", off shift and lacking the
// skill too, and the line for a job nobody on shift can do; every skill has its words.
#include "kiosk/screens/office/assignment_text.hpp"

#include <gtest/gtest.h>

#include "kiosk/i18n/i18n.hpp"
#include "tests/kiosk/support/kiosk_fixture.hpp"

namespace fc::ui {
namespace {

class AssignmentTextTest : public ::testing::Test {
protected:
    void SetUp() override {
        i18n = fc::test::testCatalogs();
        setCurrentI18n(&i18n);
    }
    void TearDown() override {
        EXPECT_TRUE(i18n.missing().empty()) << "a key is missing: " << *i18n.missing().begin();
        setCurrentI18n(nullptr);
    }
    I18n i18n;
};

const core::AssignmentReason kWang{.name = "王强",
                                   .skill = core::Skill::kEvHighVoltage,
                                   .hasSkill = true,
                                   .shift = core::ShiftState::kOnShift,
                                   .loadMinutes = 150};

TEST_F(AssignmentTextTest, OneLineInChinese) {
    EXPECT_EQ(assignmentReasonText(kWang), "王强：有新能源高压证，今日已排 2.5 小时");
    core::AssignmentReason zhang{.name = "张伟",
                                 .skill = core::Skill::kAc,
                                 .hasSkill = true,
                                 .shift = core::ShiftState::kOffShift,
                                 .loadMinutes = 0};
    EXPECT_EQ(assignmentReasonText(zhang), "张伟：会空调维修，现在不在班，今日已排 0 小时");
    core::AssignmentReason liu{.name = "刘波",
                               .skill = core::Skill::kEvHighVoltage,
                               .hasSkill = false,
                               .shift = core::ShiftState::kNoShift,
                               .loadMinutes = 60};
    EXPECT_EQ(assignmentReasonText(liu), "刘波：没有新能源高压证，未排班，今日已排 1 小时");
    EXPECT_EQ(noneQualifiedText(core::Skill::kEvHighVoltage), "没有在班的技师有新能源高压证");
    EXPECT_EQ(noneQualifiedText(core::Skill::kAc), "没有在班的技师会空调维修");
    EXPECT_EQ(skillLabel(core::Skill::kBodyPaint), "钣金喷漆");
}

TEST_F(AssignmentTextTest, OneLineInEnglish) {
    ASSERT_TRUE(i18n.setLanguage("en").ok());
    EXPECT_EQ(assignmentReasonText(kWang), "王强: EV high-voltage certified, 2.5 h booked today");
    core::AssignmentReason off = kWang;
    off.hasSkill = false;
    off.shift = core::ShiftState::kOffShift;
    off.loadMinutes = 120;
    EXPECT_EQ(assignmentReasonText(off), "王强: not EV high-voltage certified, off shift now, 2 h booked today");
    EXPECT_EQ(noneQualifiedText(core::Skill::kEvHighVoltage), "Nobody on shift is EV high-voltage certified");
    EXPECT_EQ(noneQualifiedText(core::Skill::kAlignment), "Nobody on shift is trained in wheel alignment");
    EXPECT_EQ(skillLabel(core::Skill::kEvHighVoltage), "EV high-voltage certificate");
}

TEST_F(AssignmentTextTest, EverySkillHasItsWordsInEveryLanguage) {
    for (const std::string& lang : supportedLanguages()) {
        ASSERT_TRUE(i18n.setLanguage(lang).ok());
        for (core::Skill s : core::kSkills) {
            EXPECT_FALSE(skillLabel(s).empty());
            core::AssignmentReason r = kWang;
            r.skill = s;
            for (bool has : {true, false}) {
                r.hasSkill = has;
                const std::string line = assignmentReasonText(r);
                EXPECT_EQ(line.find("assign."), std::string::npos) << lang << ": " << line;
                EXPECT_EQ(line.find('{'), std::string::npos) << lang << ": " << line;
            }
            EXPECT_EQ(noneQualifiedText(s).find("assign."), std::string::npos) << lang;
        }
    }
}

}  // namespace
}  // namespace fc::ui
