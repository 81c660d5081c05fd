import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import uk.portsmouth.cfe.client.ApiClient;
import uk.portsmouth.cfe.client.ApiException;
import uk.portsmouth.cfe.client.api.AttendanceApi;
import uk.portsmouth.cfe.client.api.AuthApi;
import uk.portsmouth.cfe.client.api.DirectoryApi;
import uk.portsmouth.cfe.client.model.AttendanceSummary;
import uk.portsmouth.cfe.client.model.MarkInput;
import uk.portsmouth.cfe.client.model.MarksBatchResult;
import uk.portsmouth.cfe.client.model.MarksInput;
import uk.portsmouth.cfe.client.model.ServicePage;

/**
 * The main journeys against a running platform, written only against a Java client generated from
 * the document as served (openapi-generator, java/native): if a change to the API document breaks
 * a Java integrator's code, this stops compiling or fails. Run by clients/check.
 */
public final class Smoke {

    private static final String BASE = System.getenv().getOrDefault("CFE_API", "http://localhost:8080");

    private static void check(String what, boolean ok) {
        if (!ok) {
            throw new IllegalStateException("smoke test failed: " + what);
        }
        System.out.println("ok  " + what);
    }

    private static ApiClient anonymous() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(BASE);
        return client;
    }

    private static ApiClient signedIn(String clientId) throws ApiException {
        String token = new AuthApi(anonymous())
                .createToken("client_credentials", clientId, clientId + "-secret")
                .getAccessToken();
        check("a token for " + clientId, token != null && token.length() > 20);
        return anonymous().setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    /** The last weekday before today: a school day of the demo's register. */
    private static LocalDate lastWeekday() {
        LocalDate day = LocalDate.now().minusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        return day;
    }

    public static void main(String[] args) throws Exception {
        ServicePage found = new DirectoryApi(anonymous())
                .listDirectoryServices(
                        "counselling", null, null, null, null, null, null, null, null, null, null, null, null, 5);
        check("directory search finds services", !found.getContents().isEmpty());

        AttendanceApi school = new AttendanceApi(signedIn("demo-school"));
        String upn = school.listSchoolPupils("116000", null, null, 1).getContents().get(0).getUpn();
        check("the school's roll", upn.length() == 13);
        MarksBatchResult batch = school.submitAttendanceMarks(AttendanceApi.APISubmitAttendanceMarksRequest.newBuilder()
                .urn("116000")
                .marksInput(new MarksInput()
                        .marks(List.of(new MarkInput()
                                .upn(upn)
                                .date(lastWeekday())
                                .session(MarkInput.SessionEnum.AM)
                                .code("/"))))
                .build());
        check("a marks batch", batch.getRecorded() + batch.getCorrected() + batch.getUnchanged() == 1);

        AttendanceSummary city = new AttendanceApi(signedIn("demo-la-officer"))
                .getCityAttendanceSummary((LocalDate) null, (LocalDate) null);
        check("the city's attendance", city.getOverall() != null);

        try {
            new DirectoryApi(anonymous()).getDirectoryService(UUID.fromString("00000000-0000-4000-8000-000000000000"));
            check("a service nothing has is 404", false);
        } catch (ApiException notFound) {
            check("a service nothing has is 404", notFound.getCode() == 404);
        }
    }
}
