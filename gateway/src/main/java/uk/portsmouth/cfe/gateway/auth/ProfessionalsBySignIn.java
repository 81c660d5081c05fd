package uk.portsmouth.cfe.gateway.auth;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import uk.portsmouth.cfe.proto.fsp.v1.FindSignedInProfessionalRequest;
import uk.portsmouth.cfe.proto.fsp.v1.ProfessionalDirectoryGrpc.ProfessionalDirectoryBlockingStub;

/**
 * Signed-in professionals found in fsp-service's directory of professionals, asked as the person
 * (once per token: {@link Tokens} keeps whom a token stands for until it expires).
 */
public final class ProfessionalsBySignIn implements SignedInProfessionals {

    private final ProfessionalDirectoryBlockingStub directory;

    public ProfessionalsBySignIn(ProfessionalDirectoryBlockingStub directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> professionalId(Caller person, String signIn, String verifiedEmail) {
        try {
            return Optional.of(Authenticator.whileSigningIn(directory, person)
                    .findSignedInProfessional(FindSignedInProfessionalRequest.newBuilder()
                            .setSignIn(signIn)
                            .setVerifiedEmail(verifiedEmail)
                            .build())
                    .getProfessionalId());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e; // the directory is unavailable: answered as any failed downstream call
        }
    }
}
