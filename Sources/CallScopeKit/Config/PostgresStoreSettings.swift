import Foundation

/// The `[store]` table: a team store in PostgreSQL instead of the SQLite file in the data folder
/// (cli-and-config.md, "A team store (PostgreSQL)"). Read from a libpq-style URL,
/// `postgresql://USER@HOST:PORT/DATABASE?sslmode=require`, and the password from `password_env`.
public struct PostgresStoreSettings: Sendable, Equatable {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// A server on this machine, through its socket in `directory` (`?host=/run/postgresql`).
        case socket(directory: String, port: Int)
    }

    /// libpq's `sslmode`, with its meaning: `prefer` (the default) tries TLS and accepts a plain
    /// connection, `require` insists on TLS without checking the certificate, `verify-ca` checks it
    /// against `sslrootcert` (else the system's roots), `verify-full` checks the host name too.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    public var database: String
    public var tls: TLSMode
    /// `sslrootcert`: a PEM file of the certificate authorities to trust.
    public var rootCertificatePath: String?
    /// `connect_timeout`: how long to wait for a connection before reporting the database unreachable.
    public var connectTimeoutSeconds: Double
    public var password: Secret?
    /// The URL as written (it holds no password), for messages.
    public var url: String

    public static let defaultPort = 5432
    public static let defaultConnectTimeoutSeconds: Double = 10
    static let queryKeys = ["sslmode", "sslrootcert", "host", "connect_timeout"]

    public init(endpoint: Endpoint, user: String, database: String, tls: TLSMode = .prefer, rootCertificatePath: String? = nil,
                connectTimeoutSeconds: Double = PostgresStoreSettings.defaultConnectTimeoutSeconds, password: Secret? = nil, url: String)
    {
        self.endpoint = endpoint
        self.user = user
        self.database = database
        self.tls = tls
        self.rootCertificatePath = rootCertificatePath
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.password = password
        self.url = url
    }

    /// Reads a `postgresql://` (or `postgres://`) URL; the error is why it cannot be used.
    public init(url text: String, password: Secret?) throws(PostgresURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw PostgresURLError("it is not a valid URL")
        }
        guard scheme == "postgresql" || scheme == "postgres" else {
            throw PostgresURLError("the scheme must be postgresql, e.g. postgresql://callscope@db.internal:5432/callscope")
        }
        guard components.password == nil else {
            throw PostgresURLError("a password in the URL would be shown and logged: name an environment variable with password_env")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresURLError("it names no user (postgresql://USER@HOST/DATABASE)")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard Self.queryKeys.contains(item.name) else {
                throw PostgresURLError("unknown parameter \"\(item.name)\" (known: \(Self.queryKeys.joined(separator: ", ")))")
            }
            guard let value = item.value, !value.isEmpty else { throw PostgresURLError("parameter \"\(item.name)\" has no value") }
            query[item.name] = value
        }
        let port = components.port ?? Self.defaultPort
        guard (1...65535).contains(port) else { throw PostgresURLError("port \(port) is out of range") }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        switch (host, query["host"]) {
        case (nil, let directory?) where directory.hasPrefix("/"): endpoint = .socket(directory: directory, port: port)
        case (nil, let name?): endpoint = .tcp(host: name, port: port)
        case (let name?, nil): endpoint = .tcp(host: name, port: port)
        case (nil, nil): throw PostgresURLError("it names no host (postgresql://USER@HOST/DATABASE, or ?host=/socket/folder)")
        case (_?, _?): throw PostgresURLError("the host is given twice, in the URL and as ?host=")
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.contains("/") else { throw PostgresURLError("the path is the database name alone (postgresql://USER@HOST/DATABASE)") }
        database = path.isEmpty ? user : path
        self.user = user
        if let mode = query["sslmode"] {
            guard let tls = TLSMode(rawValue: mode) else {
                throw PostgresURLError("sslmode \"\(mode)\" is none of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.tls = tls
        } else {
            tls = .prefer
        }
        rootCertificatePath = query["sslrootcert"]
        if let timeout = query["connect_timeout"] {
            guard let seconds = Double(timeout), seconds.isFinite, seconds > 0, seconds <= 86_400 else {
                throw PostgresURLError("connect_timeout \"\(timeout)\" is not a number of seconds above 0 and at most 86400")
            }
            connectTimeoutSeconds = seconds
        } else {
            connectTimeoutSeconds = Self.defaultConnectTimeoutSeconds
        }
        self.password = password
        url = text
    }
}

/// Why a `[store] url` cannot be used.
public struct PostgresURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
