import CallScopeKit
import NIOSSL
import PostgresNIO

/// The PostgresNIO configurations of `[store]`: where to connect, as whom, with which TLS, how
/// many connections and how long to wait for one; for the pool and for a single connection.
enum ClientConfiguration {
    static func pool(_ settings: PostgresStoreSettings) throws -> PostgresClient.Configuration {
        let password = settings.password?.reveal
        var configuration: PostgresClient.Configuration
        switch settings.endpoint {
        case .tcp(let host, let port):
            let tls: PostgresClient.Configuration.TLS = switch try Self.tls(settings) {
            case nil: .disable
            case (let context, required: false)?: .prefer(context)
            case (let context, required: true)?: .require(context)
            }
            configuration = .init(host: host, port: port, username: settings.user, password: password, database: settings.database, tls: tls)
        case .socket:
            configuration = .init(unixSocketPath: socketPath(settings), username: settings.user, password: password, database: settings.database)
        }
        configuration.options.connectTimeout = .milliseconds(Int64(settings.connectTimeoutSeconds * 1000))
        configuration.options.maximumConnections = 8
        configuration.options.additionalStartupParameters = [("application_name", "callscope")]
        return configuration
    }

    static func connection(_ settings: PostgresStoreSettings) throws -> PostgresConnection.Configuration {
        let password = settings.password?.reveal
        var configuration: PostgresConnection.Configuration
        switch settings.endpoint {
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS = switch try Self.tls(settings) {
            case nil: .disable
            case (let context, required: false)?: .prefer(try NIOSSLContext(configuration: context))
            case (let context, required: true)?: .require(try NIOSSLContext(configuration: context))
            }
            configuration = .init(host: host, port: port, username: settings.user, password: password, database: settings.database, tls: tls)
        case .socket:
            configuration = .init(unixSocketPath: socketPath(settings), username: settings.user, password: password, database: settings.database)
        }
        configuration.options.connectTimeout = .milliseconds(Int64(settings.connectTimeoutSeconds * 1000))
        configuration.options.additionalStartupParameters = [("application_name", "callscope")]
        return configuration
    }

    private static func socketPath(_ settings: PostgresStoreSettings) -> String {
        guard case .socket(let directory, let port) = settings.endpoint else { return "" }
        return "\(directory)/.s.PGSQL.\(port)"
    }

    /// libpq's sslmode on NIOSSL (nil: no TLS): `allow` and `prefer` take TLS when the server
    /// offers it, unchecked as libpq does; `require` insists without checking; the `verify-`
    /// modes check the certificate against `sslrootcert` (or the system's roots), `verify-full`
    /// the host name too.
    private static func tls(_ settings: PostgresStoreSettings) throws -> (context: TLSConfiguration, required: Bool)? {
        var context = TLSConfiguration.makeClientConfiguration()
        if let rootCertificate = settings.rootCertificatePath {
            context.trustRoots = .file(rootCertificate)
        }
        switch settings.tls {
        case .disable:
            return nil
        case .allow, .prefer:
            context.certificateVerification = .none
            return (context, false)
        case .require:
            context.certificateVerification = .none
            return (context, true)
        case .verifyCA:
            context.certificateVerification = .noHostnameVerification
            return (context, true)
        case .verifyFull:
            context.certificateVerification = .fullVerification
            return (context, true)
        }
    }
}
