package uk.portsmouth.cfe.attendance.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import uk.portsmouth.cfe.attendance.domain.AcademicCalendar;
import uk.portsmouth.cfe.platform.identifiers.Upns;
import uk.portsmouth.cfe.platform.proto.Dates;
import uk.portsmouth.cfe.proto.attendance.v1.Mark;
import uk.portsmouth.cfe.proto.attendance.v1.Pupil;
import uk.portsmouth.cfe.proto.attendance.v1.School;
import uk.portsmouth.cfe.proto.attendance.v1.SchoolPhase;
import uk.portsmouth.cfe.proto.attendance.v1.SenStatus;

/**
 * A deterministic demo roll and term of marks for a school: invented pupils with valid UPNs, and an
 * absence pattern in the shape of the guide's figures (most pupils attend well, about one in five is
 * persistently absent, a few are severely absent; illness is the commonest reason, then unauthorised
 * absence and term-time holidays).
 */
final class DemoCity {

    private static final String[] GIVEN = {
        "Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Leo", "Freya", "Arthur",
        "Lily", "Jack", "Evie", "Harry", "Grace", "Oscar", "Sophie", "Charlie", "Ruby", "Alfie",
        "Zara", "Mohammed", "Maya", "Kai", "Aisha", "Theo", "Poppy", "Finley", "Ella", "Reuben"
    };
    private static final String[] FAMILY = {
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Johnson",
        "Davies",
        "Patel",
        "Robinson",
        "Wright",
        "Thompson",
        "Evans",
        "Walker",
        "White",
        "Roberts",
        "Green",
        "Hall",
        "Wood",
        "Jackson",
        "Clarke",
        "Khan",
        "Ahmed",
        "Nowak",
        "Okoro"
    };

    private DemoCity() {}

    /** {@code size} invented pupils on the roll of {@code school} in the academic year starting {@code yearStart}. */
    static List<Pupil> roll(School school, int size, LocalDate yearStart) {
        Random random = new Random(Long.parseLong(school.getUrn()));
        int[] years = yearGroups(school.getPhase());
        List<Pupil> pupils = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int yearGroup = years[random.nextInt(years.length)];
            // 4 + the year group = age on 1 September
            LocalDate born = yearStart.minusYears(5 + yearGroup).plusDays(random.nextInt(365));
            String rest = "851" + school.getLaestab().substring(3) + String.format("%02d", born.getYear() % 100)
                    + String.format("%03d", i);
            int sen = random.nextInt(100);
            pupils.add(Pupil.newBuilder()
                    .setUpn(Upns.checkLetter(rest) + rest)
                    .setGivenName(GIVEN[random.nextInt(GIVEN.length)])
                    .setFamilyName(FAMILY[random.nextInt(FAMILY.length)])
                    .setDateOfBirth(Dates.of(born))
                    .setYearGroup(yearGroup)
                    .setUrn(school.getUrn())
                    .setAdmissionDate(Dates.of(yearStart.minusYears(Math.max(0, yearGroup - years[0]))))
                    .setSenStatus(
                            sen < 4
                                    ? SenStatus.SEN_STATUS_EHCP
                                    : sen < 17 ? SenStatus.SEN_STATUS_SEN_SUPPORT : SenStatus.SEN_STATUS_NONE)
                    .setOnRoll(true)
                    .build());
        }
        return pupils;
    }

    /** Every school day's AM and PM marks for each pupil, from {@code from} to {@code to}. */
    static List<Mark> marks(
            School school, List<Pupil> pupils, AcademicCalendar calendar, LocalDate from, LocalDate to) {
        Random random = new Random(Long.parseLong(school.getUrn()) * 31);
        List<LocalDate> days = calendar.schoolDays(from, to);
        List<Mark> marks = new ArrayList<>();
        for (Pupil pupil : pupils) {
            int kind = random.nextInt(100);
            // the share of sessions missed: typical, persistently absent, severely absent
            double missRate = kind < 3
                    ? 0.5 + random.nextDouble() * 0.3
                    : kind < 20 ? 0.1 + random.nextDouble() * 0.2 : random.nextDouble() * 0.08;
            boolean holiday = random.nextInt(100) < 6;
            int holidayStart = random.nextInt(Math.max(1, days.size() - 5));
            for (int d = 0; d < days.size(); d++) {
                boolean onHoliday = holiday && d >= holidayStart && d < holidayStart + 5;
                for (String session : new String[] {"AM", "PM"}) {
                    String code = onHoliday
                            ? "G"
                            : random.nextDouble() < missRate ? absence(random) : session.equals("AM") ? "/" : "\\";
                    marks.add(Mark.newBuilder()
                            .setUpn(pupil.getUpn())
                            .setDate(days.get(d).toString())
                            .setSession(session)
                            .setCode(code)
                            .build());
                }
            }
        }
        return marks;
    }

    private static String absence(Random random) {
        int reason = random.nextInt(100);
        return reason < 55 ? "I" : reason < 65 ? "M" : reason < 80 ? "O" : reason < 90 ? "N" : reason < 95 ? "U" : "C";
    }

    private static int[] yearGroups(SchoolPhase phase) {
        return switch (phase) {
            case SCHOOL_PHASE_PRIMARY, SCHOOL_PHASE_SPECIAL -> new int[] {0, 1, 2, 3, 4, 5, 6};
            case SCHOOL_PHASE_SECONDARY, SCHOOL_PHASE_UTC -> new int[] {7, 8, 9, 10, 11};
            case SCHOOL_PHASE_ALL_THROUGH, SCHOOL_PHASE_INDEPENDENT -> new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
            case SCHOOL_PHASE_COLLEGE -> new int[] {12, 13};
            default -> new int[] {-1, 0};
        };
    }
}
