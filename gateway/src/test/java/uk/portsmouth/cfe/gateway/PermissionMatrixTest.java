package uk.portsmouth.cfe.gateway;

import java.util.Map;

/** The permission matrix for OAuth clients: each role is a demo client with the gateway's own token. */
class PermissionMatrixTest extends PermissionMatrix {

    @Override
    protected Map<String, String> callerTokens(Map<String, String> clients) {
        return clients;
    }
}
