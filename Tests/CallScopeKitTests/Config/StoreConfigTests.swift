import Foundation
import Testing

@testable import CallScopeKit

@Suite("Config: [store], the team store")
struct StoreConfigTests {
    let account = accountConfig(#"name = "cs"\#nprovider = "caresoft"\#ndomain = "d"\#ntoken = "t""#)

    func store(_ lines: String) -> String { "[store]\n" + lines + "\n" + account }

    @Test func theSpecExampleReadsAsItsParts() throws {
        let text = store(#"url = "postgresql://callscope@db.internal:5432/callscope"\#npassword_env = "CALLSCOPE_DB_PASSWORD""#)
        let loaded = try loadConfig(text, environment: ["CALLSCOPE_DB_PASSWORD": "s3cret"])
        let settings = try #require(loaded.config.store)
        #expect(settings.endpoint == .tcp(host: "db.internal", port: 5432))
        #expect(settings.user == "callscope" && settings.database == "callscope")
        #expect(settings.tls == .prefer && settings.connectTimeoutSeconds == 10)
        #expect(settings.password == Secret("s3cret", origin: .environment("CALLSCOPE_DB_PASSWORD")))
        #expect(loaded.warnings.isEmpty)
    }

    @Test func noStoreTableMeansTheSQLiteFile() throws {
        #expect(try loadConfig(account).config.store == nil)
    }

    @Test func socketsTLSAndTimeoutsFromTheURL() throws {
        let settings = try PostgresStoreSettings(url: "postgres://team@/calls?host=/run/postgresql&sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=3",
                                                 password: nil)
        #expect(settings.endpoint == .socket(directory: "/run/postgresql", port: 5432))
        #expect(settings.tls == .verifyFull && settings.rootCertificatePath == "/etc/ca.pem" && settings.connectTimeoutSeconds == 3)
        #expect(try PostgresStoreSettings(url: "postgresql://team@h", password: nil).database == "team")
    }

    @Test func aClientCertificateAndItsKeyFromTheURL() throws {
        let settings = try PostgresStoreSettings(url: "postgresql://team@db/calls?sslmode=verify-full&sslcert=/etc/me.crt&sslkey=/etc/me.key", password: nil)
        #expect(settings.clientCertificatePath == "/etc/me.crt" && settings.clientKeyPath == "/etc/me.key")
        #expect(try PostgresStoreSettings(url: "postgresql://team@db/calls", password: nil).clientCertificatePath == nil)
    }

    @Test(arguments: [
        ("mysql://u@h/d", "the scheme must be postgresql"),
        ("postgresql://h/d", "it names no user"),
        ("postgresql://u@/d", "it names no host"),
        ("postgresql://u@h/d?sslmode=always", "sslmode \"always\" is none of"),
        ("postgresql://u@h/d?ssl=true", "unknown parameter \"ssl\""),
        ("postgresql://u@h/d?connect_timeout=0", "connect_timeout \"0\""),
        ("postgresql://u@h/d?connect_timeout=1e300", "connect_timeout \"1e300\" is not a number of seconds above 0 and at most 86400"),
        ("postgresql://u@h/d?connect_timeout=nan", "connect_timeout \"nan\""),
        ("postgresql://u@h/d?sslcert=/c.pem", "sslcert and sslkey go together"),
        ("postgresql://u@h/d?sslkey=/k.pem", "sslcert and sslkey go together"),
        ("postgresql://u@h/a/b", "the path is the database name alone"),
    ])
    func aBadURLIsRefusedNamingTheKey(_ url: String, _ reason: String) throws {
        let error = try #require(configError(store(#"url = "\#(url)""#)))
        #expect(error.contains(key: "store.url", account: nil))
        #expect(error.description.contains("test.toml: key \"store.url\": bad URL \"\(url)\": \(reason)"), "\(error)")
        #expect(error.exitCode == 2)
    }

    @Test func aConnectTimeoutNoDurationCouldHoldIsRefused() throws {
        let error = try #require(configError(store(#"url = "postgresql://u@h/d?connect_timeout=1e300""#)))
        #expect(error.contains(key: "store.url", account: nil) && error.exitCode == 2)
        #expect(error.description.contains(#"connect_timeout "1e300" is not a number of seconds above 0 and at most 86400"#), "\(error)")
    }

    @Test func aPasswordIsNeverTakenFromTheFileNorShown() throws {
        let inURL = try #require(configError(store(#"url = "postgresql://u:hunter2@h/d""#)))
        #expect(inURL.description.contains("a password in the URL would be shown and logged"))
        #expect(!inURL.description.contains("hunter2"))
        let plain = try #require(configError(store(#"url = "postgresql://u@h/d"\#npassword = "hunter2""#)))
        #expect(plain.contains(key: "store.password", account: nil) && !plain.description.contains("hunter2"))
        let unset = try #require(configError(store(#"url = "postgresql://u@h/d"\#npassword_env = "NOT_SET_ANYWHERE""#)))
        #expect(unset.contains(key: "store.password_env", account: nil))
        #expect(unset.description.contains("NOT_SET_ANYWHERE is not set"))
    }

    @Test func aMissingURLOrAnUnknownKeyIsNamed() throws {
        let missing = try #require(configError(store(#"password_env = "X""#), environment: ["X": "p"]))
        #expect(missing.contains(key: "store.url", account: nil))
        let loaded = try loadConfig(store(#"url = "postgresql://u@h/d"\#nurll = "x""#))
        #expect(loaded.warnings.map(\.description) == [#"test.toml: warning: key "store.urll": unknown key, ignored (did you mean "url"?)"#])
    }
}
