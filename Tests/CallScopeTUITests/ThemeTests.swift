import Foundation
import Testing
@testable import CallScopeTUI

/// The shipped themes' files (embedded in the binary by SwiftPM), found from this file's path.
let themesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/CallScopeTUI/Theme/Builtin")

let shippedThemes = ["default", "light", "high-contrast", "solarized-dark", "mono"]

/// A temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("callscope-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func write(_ relativePath: String, _ text: String) throws {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

@Suite("Themes")
struct ThemeTests {
    @Test func fiveThemesShip() {
        #expect(ThemeLoader.builtinNames == shippedThemes)
    }

    @Test(arguments: shippedThemes)
    func shippedThemeParsesWithEveryRole(name: String) throws {
        let file = themesFolder.appendingPathComponent(name + ".toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        // Every role is spelled out in the file itself (not only inherited).
        for role in StyleRole.allCases {
            #expect(text.contains("[roles.\(role.rawValue)]"), "\(name).toml lacks [roles.\(role.rawValue)]")
        }
        let theme = try ThemeLoader.load(file: file, environment: [:])
        #expect(theme.name == name)
        #expect(Set(theme.roles.keys) == Set(StyleRole.allCases))
        #expect(!theme.summary.isEmpty)
    }

    /// A built-in theme is its file as loaded from disk.
    @Test(arguments: shippedThemes)
    func builtinThemeIsItsFile(name: String) throws {
        #expect(try ThemeLoader.builtin(named: name) == ThemeLoader.load(file: themesFolder.appendingPathComponent(name + ".toml"), environment: [:]))
    }

    @Test func noUnembeddedThemeFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesFolder.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(files) == Set(shippedThemes.map { $0 + ".toml" }))
    }

    /// Whatever the terminal, the roles that carry meaning look different from plain text.
    @Test(arguments: shippedThemes)
    func keyRolesStandOutAtEveryDepth(name: String) throws {
        let theme = try #require(try ThemeLoader.builtin(named: name))
        for depth in ColorDepth.allCases {
            let text = theme.resolve(.text, depth: depth)
            for role in [StyleRole.title, .header, .selection, .selectionInactive, .error, .missed, .tag, .status, .input, .inputFocus, .match] {
                #expect(theme.resolve(Style(role), depth: depth) != text, "\(name) \(depth): \(role) looks like text")
            }
            #expect(theme.resolve(Style(.selection), depth: depth) != theme.resolve(Style(.selectionInactive), depth: depth))
        }
    }

    @Test func userThemeInheritsAndOverrides() throws {
        let home = try TemporaryDirectory()
        try home.write("callscope/themes/mine.toml", """
            name = "mine"
            inherits = "light"
            [roles.missed]
            fg = "#ff00ff"
            attrs = ["bold", "underline"]
            """)
        let env = ["XDG_CONFIG_HOME": home.url.path]
        let mine = try ThemeLoader.load(named: "mine", environment: env)
        let light = try #require(try ThemeLoader.builtin(named: "light"))
        #expect(mine.style(for: .missed) == RoleStyle(foreground: .rgb(RGB(255, 0, 255)), attributes: [.bold, .underline]))
        #expect(mine.style(for: .title) == light.style(for: .title))
        #expect(ThemeLoader.availableNames(environment: env).contains("mine"))
        #expect(ThemeLoader.availableNames(environment: env).contains("solarized-dark"))
    }

    @Test func userThemeCanReplaceABuiltIn() throws {
        let home = try TemporaryDirectory()
        try home.write("callscope/themes/default.toml", """
            name = "default"
            inherits = "high-contrast"
            [roles.title]
            fg = "#00ff00"
            """)
        let theme = try ThemeLoader.load(named: "default", environment: ["XDG_CONFIG_HOME": home.url.path])
        #expect(theme.style(for: .title).foreground == .rgb(RGB(0, 255, 0)))
        #expect(theme.style(for: .selection) == (try ThemeLoader.builtin(named: "high-contrast"))!.style(for: .selection))
        // HOME is the fallback when XDG_CONFIG_HOME is unset.
        #expect(ThemeLoader.userThemeDirectory(environment: ["HOME": "/home/a"])?.path == "/home/a/.config/callscope/themes")
    }

    @Test(arguments: [
        ("[roles.titel]\nfg = \"red\"", "unknown role \"titel\""),
        ("[roles.title]\nfg = \"#12345\"", "is not a colour"),
        ("[roles.title]\nattrs = [\"blink\"]", "is not an attribute"),
        ("[roles.title]\nforeground = \"red\"", "unknown key \"foreground\""),
        ("[roles.title]\nfg16 = \"#ff0000\"", "must be one of the 16 ANSI colour names"),
        ("colour = 1", "unknown key \"colour\""),
        ("[roles.title\nfg = 1", "theme bad"),
        ("inherits = \"nope\"", "inherits unknown theme \"nope\""),
        ("name = \"default\"\n[roles.text]\nfg = \"red\"", "missing roles: title"),
        ("[roles.title]\nattrs = \"bold\"", "must be a list"),
    ])
    func badThemesSayWhatIsWrong(toml: String, message: String) {
        do {
            _ = try ThemeLoader.parse(toml, source: "bad")
            Issue.record("accepted: \(toml)")
        } catch let error as ThemeError {
            #expect(error.description.contains(message), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func inheritanceCyclesAreCaught() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.toml", "inherits = \"b\"\n")
        try dir.write("b.toml", "inherits = \"a\"\n")
        #expect(throws: ThemeError.self) {
            try ThemeLoader.load(file: dir.url.appendingPathComponent("a.toml"), environment: [:])
        }
    }

    @Test func unknownThemeNamesTheBuiltIns() {
        do {
            _ = try ThemeLoader.load(named: "nope", environment: [:])
            Issue.record("found a theme called nope")
        } catch {
            #expect("\(error)".contains("default, light, high-contrast, solarized-dark, mono"))
        }
    }
}
