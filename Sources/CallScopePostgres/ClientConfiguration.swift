import CallScopeKit
import NIOSSL
import PostgresNIO

/// The PostgresNIO client configuration of `[store]`: where to connect, as whom, with which TLS,
/// how many connections and how long to wait for one.
enum ClientConfiguration {
    static func make(_ settings: PostgresStoreSettings) throws -> PostgresClient.Configuration {
        let password = settings.password?.reveal
        var configuration: PostgresClient.Configuration
        switch settings.endpoint {
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: settings.user, password: password, database: settings.database,
                                  tls: try tls(settings))
        case .socket(let directory, let port):
            configuration = .init(unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: settings.user, password: password,
                                  database: settings.database)
        }
        configuration.options.connectTimeout = .milliseconds(Int64(settings.connectTimeoutSeconds * 1000))
        configuration.options.maximumConnections = 8
        // Long reads of a big table are bounded by the server too: a query that hangs (a lock held
        // by a crashed client) fails with a message instead of freezing the TUI.
        configuration.options.additionalStartupParameters = [("application_name", "callscope")]
        return configuration
    }

    /// libpq's sslmode on NIOSSL: `allow` and `prefer` take TLS when the server offers it (as
    /// libpq, unchecked), `require` insists without checking, the `verify-` modes check.
    private static func tls(_ settings: PostgresStoreSettings) throws -> PostgresClient.Configuration.TLS {
        var context = TLSConfiguration.makeClientConfiguration()
        if let rootCertificate = settings.rootCertificatePath {
            context.trustRoots = .file(rootCertificate)
        }
        switch settings.tls {
        case .disable:
            return .disable
        case .allow, .prefer:
            context.certificateVerification = .none
            return .prefer(context)
        case .require:
            context.certificateVerification = .none
            return .require(context)
        case .verifyCA:
            context.certificateVerification = .noHostnameVerification
            return .require(context)
        case .verifyFull:
            context.certificateVerification = .fullVerification
            return .require(context)
        }
    }
}
