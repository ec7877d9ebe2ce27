import CallScopeKit
import Foundation

/// A PostgreSQL cluster of the tests' own: `initdb` in a temporary folder, the server on a free
/// loopback port (and a socket in that folder), TLS with a certificate made for it, password
/// logins over TCP. Stopped and removed by `stop()`; a watchdog stops it too if the test process
/// dies first. As the `postgres` user when the tests run as root (the server refuses root).
public final class ThrowawayPostgres: Sendable {
    public let folder: URL
    public let port: Int
    /// The superuser's name and password.
    public let superuser: String
    public let password: String
    /// The certificate the server presents (CN and SAN `localhost`): what `sslrootcert` trusts.
    public let certificate: URL
    private let binaries: URL
    private let runAs: String?

    private var data: URL { folder.appendingPathComponent("data") }
    public var socketFolder: URL { folder.appendingPathComponent("socket") }

    /// Makes and starts a cluster; fails (saying why) when PostgreSQL is not installed.
    public static func start() throws -> ThrowawayPostgres {
        let binaries = try serverBinaries()
        let runAs = getuid() == 0 ? "postgres" : nil
        let owner: passwd? = try runAs.map { name in
            guard let entry = getpwnam(name) else { throw PostgresMissing(reason: "there is no user \(name) to run the server as") }
            return entry.pointee
        }
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("callscope-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("socket"), withIntermediateDirectories: true)
        if let owner {
            for path in [folder.path, folder.appendingPathComponent("socket").path] { chown(path, owner.pw_uid, owner.pw_gid) }
        }
        let superuser = runAs ?? String(cString: getpwuid(getuid()).pointee.pw_name)
        let server = ThrowawayPostgres(folder: folder, port: try freePort(), superuser: superuser, password: "pw-\(UUID().uuidString)",
                                       binaries: binaries, runAs: runAs)
        do {
            try server.initialise()
            try server.pgctl(["start", "-w", "-l", folder.appendingPathComponent("server.log").path])
            try server.watch(parent: getpid())
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        return server
    }

    private init(folder: URL, port: Int, superuser: String, password: String, binaries: URL, runAs: String?) {
        self.folder = folder
        self.port = port
        self.superuser = superuser
        self.password = password
        certificate = folder.appendingPathComponent("server.crt")
        self.binaries = binaries
        self.runAs = runAs
    }

    /// Stops the server at once (disconnecting clients) and removes its folder.
    public func stop() throws {
        try pgctl(["stop", "-w", "-m", "fast"])
        try FileManager.default.removeItem(at: folder)
    }

    /// Stops and starts the server again: every open connection is cut.
    public func restart() throws {
        try pgctl(["restart", "-w", "-m", "fast", "-l", folder.appendingPathComponent("server.log").path])
    }

    /// Settings for `database` on this server as the superuser, over TCP with the password.
    public func settings(database: String, tls: PostgresStoreSettings.TLSMode = .disable) -> PostgresStoreSettings {
        PostgresStoreSettings(endpoint: .tcp(host: "127.0.0.1", port: port), user: superuser, database: database, tls: tls,
                              password: Secret(password), url: url(database: database, tls: tls))
    }

    /// The `[store] url` of `database` (the password goes through `password_env`).
    public func url(database: String, tls: PostgresStoreSettings.TLSMode = .disable) -> String {
        "postgresql://\(superuser)@127.0.0.1:\(port)/\(database)?sslmode=\(tls.rawValue)"
    }

    /// Runs SQL as the superuser with psql over the socket (setup and inspection in tests).
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try ShellCommand.run(binaries.appendingPathComponent("psql").path,
                             ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", socketFolder.path, "-p", String(port),
                              "-U", superuser, "-d", database, "-c", sql], as: runAs, in: folder)
    }

    /// A new empty database of its own for one test; its name.
    public func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try psql("CREATE DATABASE \(name)")
        return name
    }

    // MARK: setting up

    private func initialise() throws {
        let passwordFile = folder.appendingPathComponent("password")
        try password.write(to: passwordFile, atomically: true, encoding: .utf8)
        try ownByServer(passwordFile)
        try run("initdb", ["-D", data.path, "-U", superuser, "--pwfile", passwordFile.path, "--auth-local=trust",
                           "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])
        try makeCertificate()
        let settings = """
            port = \(port)
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '\(socketFolder.path)'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 200
            ssl = on
            ssl_cert_file = '\(certificate.path)'
            ssl_key_file = '\(folder.appendingPathComponent("server.key").path)'

            """
        let configuration = data.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: configuration)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
        try handle.close()
    }

    /// A self-signed certificate for `localhost`; the key readable by the server alone.
    private func makeCertificate() throws {
        let key = folder.appendingPathComponent("server.key")
        try ShellCommand.run(try ShellCommand.locate("openssl"), [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost", "-keyout", key.path, "-out", certificate.path,
        ], in: folder)
        chmod(key.path, 0o600)
        try ownByServer(key)
        try ownByServer(certificate)
    }

    private func ownByServer(_ file: URL) throws {
        guard let runAs, let entry = getpwnam(runAs) else { return }
        chown(file.path, entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    /// Stops the server if this process ends without `stop()` (a crash, a killed test run).
    private func watch(parent: pid_t) throws {
        let stop = ([binaries.appendingPathComponent("pg_ctl").path, "-D", data.path, "stop", "-m", "immediate"])
            .map { "'\($0)'" }.joined(separator: " ")
        let asServer = runAs.map { "runuser -u \($0) -- " } ?? ""
        let script = "while kill -0 \(parent) 2>/dev/null; do sleep 1; done; "
            + "if [ -d '\(data.path)' ]; then \(asServer)\(stop) >/dev/null 2>&1; rm -rf '\(folder.path)'; fi"
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        watchdog.arguments = ["/bin/bash", "-c", ShellCommand.closeInheritedFiles + script]
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
    }

    private func pgctl(_ arguments: [String]) throws {
        try run("pg_ctl", ["-D", data.path] + arguments)
    }

    private func run(_ program: String, _ arguments: [String]) throws {
        try ShellCommand.run(binaries.appendingPathComponent(program).path, arguments, as: runAs, in: folder)
    }

    /// Debian's server programs (the newest version installed), else those on PATH.
    private static func serverBinaries() throws -> URL {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let newest = versions.compactMap(Int.init).sorted().last
        if let newest {
            let folder = root.appendingPathComponent("\(newest)/bin")
            if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("initdb").path) { return folder }
        }
        if let initdb = try? ShellCommand.locate("initdb") { return URL(fileURLWithPath: initdb).deletingLastPathComponent() }
        throw PostgresMissing(reason: "no initdb in /usr/lib/postgresql/*/bin nor on PATH")
    }

    /// A loopback port no one listens on now (the kernel's choice).
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PostgresMissing(reason: "cannot open a socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw PostgresMissing(reason: "cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
