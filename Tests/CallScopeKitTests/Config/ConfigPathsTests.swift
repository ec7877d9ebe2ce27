import Foundation
import Testing

@testable import CallScopeKit

@Suite("Config paths")
struct ConfigPathsTests {
    @Test func callscopeVariablesComeFirst() {
        let paths = ConfigPaths(environment: [
            "CALLSCOPE_CONFIG": "/etc/cs.toml", "CALLSCOPE_DATA": "/var/lib/cs", "XDG_CONFIG_HOME": "/x/config",
            "XDG_DATA_HOME": "/x/data", "HOME": "/home/lan",
        ])
        #expect(paths.configFile.path == "/etc/cs.toml")
        #expect(paths.configFileSource == .callscopeVariable)
        #expect(paths.dataDirectory.path == "/var/lib/cs")
        #expect(paths.dataDirectorySource == .callscopeVariable)
        #expect(paths.userThemesDirectory.path == "/x/config/callscope/themes")
    }

    @Test func xdgVariablesComeNext() {
        let paths = ConfigPaths(environment: ["XDG_CONFIG_HOME": "/x/config", "XDG_DATA_HOME": "/x/data", "HOME": "/home/lan"])
        #expect(paths.configFile.path == "/x/config/callscope/config.toml")
        #expect(paths.configFileSource == .xdgVariable)
        #expect(paths.dataDirectory.path == "/x/data/callscope")
        #expect(paths.dataDirectorySource == .xdgVariable)
    }

    @Test func theHomeDirectoryIsTheFallback() {
        let paths = ConfigPaths(environment: ["HOME": "/home/lan"])
        #expect(paths.configFile.path == "/home/lan/.config/callscope/config.toml")
        #expect(paths.configFileSource == .homeDirectory)
        #expect(paths.dataDirectory.path == "/home/lan/.local/share/callscope")
        #expect(paths.dataDirectorySource == .homeDirectory)
        #expect(paths.userThemesDirectory.path == "/home/lan/.config/callscope/themes")
    }

    @Test func emptyOrRelativeXDGValuesAreIgnored() {
        let paths = ConfigPaths(environment: [
            "CALLSCOPE_CONFIG": "", "XDG_CONFIG_HOME": "relative/config", "XDG_DATA_HOME": "", "HOME": "/home/lan",
        ])
        #expect(paths.configFile.path == "/home/lan/.config/callscope/config.toml")
        #expect(paths.dataDirectory.path == "/home/lan/.local/share/callscope")
    }

    @Test func downloadsGoToTheXDGDownloadFolderElseDownloads() {
        #expect(ConfigPaths(environment: ["XDG_DOWNLOAD_DIR": "/x/dl", "HOME": "/home/lan"]).downloadsDirectory.path == "/x/dl/callscope")
        #expect(ConfigPaths(environment: ["HOME": "/home/lan"]).downloadsDirectory.path == "/home/lan/Downloads/callscope")
        #expect(ConfigPaths(environment: ["XDG_DOWNLOAD_DIR": "dl", "HOME": "/home/lan"]).downloadsDirectory.path == "/home/lan/Downloads/callscope")
    }

    @Test func withoutHOMEThePassedHomeIsUsed() {
        let paths = ConfigPaths(environment: [:], homeDirectory: "/srv/callscope")
        #expect(paths.configFile.path == "/srv/callscope/.config/callscope/config.toml")
    }
}
