import CallScopeKit
import NIOCore
import NIOSSL
import PostgresNIO

/// The PostgresNIO configurations of `[store]`: where to connect, as whom, with which TLS, how
/// many connections and how long to wait for one; for the probe's own connection and for the pool.
enum ClientConfiguration {
    /// libpq's sslmode on NIOSSL (nil: no TLS): `allow` and `prefer` take TLS when the server
    /// offers it, unchecked as libpq does; `require` insists, unchecked unless `sslrootcert` is
    /// given (then as `verify-ca`, as libpq does); the `verify-` modes check the certificate
    /// against `sslrootcert` (or the system's roots), `verify-full` the host name too. A client
    /// certificate (`sslcert`, `sslkey`) is presented when the server asks for one.
    static func tls(_ settings: PostgresStoreSettings) throws -> (configuration: TLSConfiguration, required: Bool)? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let rootCertificate = settings.rootCertificatePath {
            configuration.trustRoots = .file(rootCertificate)
        }
        if let certificate = settings.clientCertificatePath, let key = settings.clientKeyPath {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
        }
        switch settings.tls {
        case .disable:
            return nil
        case .allow, .prefer:
            configuration.certificateVerification = .none
            return (configuration, false)
        case .require:
            configuration.certificateVerification = settings.rootCertificatePath == nil ? .none : .noHostnameVerification
            return (configuration, true)
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
            return (configuration, true)
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            return (configuration, true)
        }
    }

    /// The pool's connections, on what the probe found: TLS whenever the probe's connection had
    /// it (`allow`/`prefer` do not fall back to a plain connection afterwards).
    static func pool(_ settings: PostgresStoreSettings, tls: (configuration: TLSConfiguration, required: Bool)?,
                     probedTLS: Bool) -> PostgresClient.Configuration {
        let password = settings.password?.reveal
        var configuration: PostgresClient.Configuration
        switch settings.endpoint {
        case .tcp(let host, let port):
            let mode: PostgresClient.Configuration.TLS = switch tls {
            case nil: .disable
            case let (context, required)? where required || probedTLS: .require(context)
            case let (context, _)?: .prefer(context)
            }
            configuration = .init(host: host, port: port, username: settings.user, password: password, database: settings.database, tls: mode)
        case .socket:
            configuration = .init(unixSocketPath: socketPath(settings), username: settings.user, password: password, database: settings.database)
        }
        configuration.options.connectTimeout = connectTimeout(settings)
        configuration.options.maximumConnections = 8
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// The probe's connection: on `channel` (TCP, watched from its start) or the socket.
    static func probe(_ settings: PostgresStoreSettings, tls: (configuration: TLSConfiguration, required: Bool)?,
                      channel: (any Channel)?) throws -> PostgresConnection.Configuration {
        let password = settings.password?.reveal
        var configuration: PostgresConnection.Configuration
        switch (settings.endpoint, channel) {
        case (.tcp(let host, _), let channel?):
            let mode: PostgresConnection.Configuration.TLS = switch tls {
            case nil: .disable
            case let (context, required: false)?: .prefer(try NIOSSLContext(configuration: context))
            case let (context, required: true)?: .require(try NIOSSLContext(configuration: context))
            }
            configuration = .init(establishedChannel: channel, tls: mode, username: settings.user, password: password, database: settings.database)
            // the name checked by verify-full and sent as SNI; an address is checked as itself
            if (try? SocketAddress(ipAddress: host, port: 0)) == nil { configuration.options.tlsServerName = host }
        default:
            configuration = .init(unixSocketPath: socketPath(settings), username: settings.user, password: password, database: settings.database)
        }
        configuration.options.connectTimeout = TimeAmount(connectTimeout(settings))
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// `connect_timeout`, kept within what the URL reader accepts (settings can be made in code too).
    static func connectTimeout(_ settings: PostgresStoreSettings) -> Duration {
        let seconds = settings.connectTimeoutSeconds
        guard seconds.isFinite else { return .seconds(PostgresStoreSettings.defaultConnectTimeoutSeconds) }
        return .seconds(min(max(seconds, 0.001), PostgresStoreSettings.longestConnectTimeoutSeconds))
    }

    private static let startupParameters = [("application_name", "callscope")]

    static func socketPath(_ settings: PostgresStoreSettings) -> String {
        guard case .socket(let directory, let port) = settings.endpoint else { return "" }
        return "\(directory)/.s.PGSQL.\(port)"
    }
}
