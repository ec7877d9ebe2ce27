import Foundation
import TerminalTestSupport

/// The files and programs of a throwaway cluster: `initdb` in a temporary folder with a
/// certificate for TLS, `pg_ctl` to start and stop the server, and a watchdog that stops it when
/// the test process dies first. As the `postgres` user when the tests run as root (the server
/// refuses root).
struct PostgresCluster: Sendable {
    let folder: URL
    let superuser: String
    let password: String
    let binaries: URL
    let runAs: String?

    var data: URL { folder.appendingPathComponent("data") }
    var socketFolder: URL { folder.appendingPathComponent("socket") }
    var certificate: URL { folder.appendingPathComponent("server.crt") }
    var authority: URL { folder.appendingPathComponent("ca.crt") }
    var otherAuthority: URL { folder.appendingPathComponent("other-ca.crt") }
    var clientCertificate: URL { folder.appendingPathComponent("client.crt") }
    var clientKey: URL { folder.appendingPathComponent("client.key") }
    /// The user named by the client certificate (its CN).
    static let clientCertificateUser = "tls_client"
    /// Databases with an authentication of their own (pg_hba.conf): the password in clear text
    /// (`password`), and a client certificate over TLS (`cert`). Made by the tests that use them.
    static let cleartextPasswordDatabase = "password_only"
    static let clientCertificateDatabase = "client_cert"
    var log: URL { folder.appendingPathComponent("server.log") }

    /// A new cluster, made but not started; fails (saying why) when PostgreSQL is not installed.
    static func make() async throws -> PostgresCluster {
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
        let cluster = PostgresCluster(folder: folder, superuser: superuser, password: "pw-\(UUID().uuidString)", binaries: binaries, runAs: runAs)
        do {
            try await cluster.initialise()
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        return cluster
    }

    /// Starts the server on a free loopback port and returns the port. A port free when chosen
    /// can be taken before the server binds it (the kernel names a free port, it cannot hold one
    /// for another process): then the server is started again on another.
    func start() async throws -> Int {
        var attempts = 0
        while true {
            attempts += 1
            let port = try Self.freePort()
            let logged = logBytes().count
            do {
                try await pgctl(["start", "-w", "-l", log.path, "-o", "-p \(port)"])
                return port
            } catch where attempts < 5 && String(decoding: logBytes().dropFirst(logged), as: UTF8.self).contains("Address already in use") {}
        }
    }

    /// Stops the server if this process ends without `stop()` (a crash, a killed test run): a
    /// shell in a session of its own (`setsid --fork` returns at once) that outlives this process.
    func watch(parent: pid_t) async throws {
        let asServer = try runAs.map { "'\(try ShellCommand.locate("runuser"))' -u \($0) -- " } ?? ""
        let stop = [binaries.appendingPathComponent("pg_ctl").path, "-D", data.path, "stop", "-m", "immediate"]
            .map { "'\($0)'" }.joined(separator: " ")
        // From `/`: pg_ctl as the server's user must be able to return to its working folder.
        let script = "cd /; while kill -0 \(parent) 2>/dev/null; do sleep 1; done; "
            + "if [ -d '\(data.path)' ]; then \(asServer)\(stop) >/dev/null 2>&1; rm -rf '\(folder.path)'; fi"
        let status = try await Program.runDetached(try ShellCommand.locate("setsid"), ["--fork", "/bin/bash", "-c", script])
        guard status == 0 else { throw ShellCommand.Failure(command: "setsid --fork bash -c …", status: status, output: "") }
    }

    func pgctl(_ arguments: [String]) async throws {
        try await run("pg_ctl", ["-D", data.path] + arguments)
    }

    /// One of the server's programs, as its user, in the cluster's folder.
    @discardableResult
    func run(_ program: String, _ arguments: [String]) async throws -> String {
        try await ShellCommand.run(binaries.appendingPathComponent(program).path, arguments, as: runAs, in: folder)
    }

    private func logBytes() -> Data { FileManager.default.contents(atPath: log.path) ?? Data() }

    // MARK: setting up

    private func initialise() async throws {
        let passwordFile = folder.appendingPathComponent("password")
        try password.write(to: passwordFile, atomically: true, encoding: .utf8)
        ownByServer(passwordFile)
        try await run("initdb", ["-D", data.path, "-U", superuser, "--pwfile", passwordFile.path, "--auth-local=trust",
                                 "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])
        try await makeCertificate()
        // The port is given when the server starts (`start`).
        let settings = """
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '\(socketFolder.path)'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 200
            ssl = on
            ssl_cert_file = '\(certificate.path)'
            ssl_key_file = '\(folder.appendingPathComponent("server.key").path)'
            ssl_ca_file = '\(authority.path)'

            """
        let handle = try FileHandle(forWritingTo: data.appendingPathComponent("postgresql.conf"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
        try handle.close()
        // First match wins: these go before initdb's lines.
        let hba = data.appendingPathComponent("pg_hba.conf")
        let rules = """
            host    \(Self.cleartextPasswordDatabase)  all  127.0.0.1/32  password
            hostssl \(Self.clientCertificateDatabase)  all  127.0.0.1/32  cert

            """
        try (rules + String(decoding: try Data(contentsOf: hba), as: UTF8.self)).write(to: hba, atomically: false, encoding: .utf8)
    }

    /// A certificate authority of the tests', the server's certificate for `localhost` signed by
    /// it, a client certificate for `clientCertificateUser` signed by it, and another authority
    /// that signed neither; the server's key readable by the server alone.
    private func makeCertificate() async throws {
        let key = folder.appendingPathComponent("server.key")
        let caKey = folder.appendingPathComponent("ca.key")
        try await authority(certificate: authority, key: caKey, name: "callscope test CA")
        try await authority(certificate: otherAuthority, key: folder.appendingPathComponent("other-ca.key"), name: "another CA")
        try await signed(certificate: certificate, key: key, subject: "/CN=localhost", extensions: ["subjectAltName=DNS:localhost"], by: caKey)
        try await signed(certificate: clientCertificate, key: clientKey, subject: "/CN=\(Self.clientCertificateUser)", extensions: [], by: caKey)
        chmod(key.path, 0o600)
        ownByServer(key)
        ownByServer(certificate)
        ownByServer(authority)
    }

    private func authority(certificate: URL, key: URL, name: String) async throws {
        try await openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                           "-subj", "/CN=\(name)", "-addext", "basicConstraints=critical,CA:TRUE",
                           "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-keyout", key.path, "-out", certificate.path])
    }

    private func signed(certificate: URL, key: URL, subject: String, extensions: [String], by caKey: URL) async throws {
        let request = certificate.deletingPathExtension().appendingPathExtension("csr")
        try await openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", subject]
                          + extensions.flatMap { ["-addext", $0] } + ["-keyout", key.path, "-out", request.path])
        try await openssl(["x509", "-req", "-in", request.path, "-CA", authority.path, "-CAkey", caKey.path, "-set_serial",
                           String(UInt32.random(in: 1...UInt32.max)), "-days", "2", "-copy_extensions", "copyall", "-out", certificate.path])
    }

    private func openssl(_ arguments: [String]) async throws {
        try await ShellCommand.run(try ShellCommand.locate("openssl"), arguments, in: folder)
    }

    private func ownByServer(_ file: URL) {
        guard let runAs, let entry = getpwnam(runAs) else { return }
        chown(file.path, entry.pointee.pw_uid, entry.pointee.pw_gid)
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
