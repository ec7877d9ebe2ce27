import CallScopeKit
import Foundation
import Testing
@testable import CallScopeTUI

/// `d` downloads in the background with progress in the detail pane, several at once, `d` again
/// cancels and then goes on; `o` plays the downloaded file, else opens the URL.
@Suite("Reducer: recording downloads")
struct DownloadTests {
    typealias F = TUIFixtures

    /// The list with two recorded calls: the spec's call first, then a copy with another id.
    static func state() -> AppState {
        var second = F.tien
        second.id = "second"
        second.recordingURL = "https://omi-recordings.example.vn/second"
        var s = F.loaded([F.tien, second, F.nhung])
        s.press("enter")
        return s
    }

    static let tien = DownloadKey(F.tien)
    static let second = DownloadKey(account: "omi", id: "second")
    static let half = DownloadProgress(received: 32 * 1024, total: 64 * 1024, bytesPerSecond: 8 * 1024)

    func downloadLine(_ s: AppState) -> String? { Render.screen(s).lines.first { $0.contains("Download ") } }

    @Test func dStartsProgressShowsAndTheFileThenPlays() throws {
        var s = Self.state()
        #expect(downloadLine(s) == nil, "nothing to say before a download")
        #expect(s.press("d") == [.download(F.tien)])
        #expect(s.downloads.status[Self.tien] == .starting)
        #expect(try #require(downloadLine(s)).contains("starting…  [d] cancel"))
        s.send(.downloadProgress(Self.tien, Self.half))
        #expect(s.downloads.status[Self.tien] == .running(Self.half))
        #expect(try #require(downloadLine(s)).contains("░▏ 50%  [d] cancel"))
        #expect(Render.screen(s).text.contains("            32.0 KB of 64.0 KB · 8.0 KB/s"))
        // The rest of the app goes on meanwhile.
        s.press("tab")
        #expect(s.detail.focus == .detail)
        s.send(.downloadFinished(Self.tien, file: "/dl/omi-x.wav", indexProblem: nil))
        #expect(s.downloads.status[Self.tien] == nil && s.downloads.files[Self.tien] == "/dl/omi-x.wav")
        #expect(s.status == StatusLine(kind: .info, text: "recording saved: /dl/omi-x.wav"))
        #expect(Render.screen(s).text.contains("Saved       /dl/omi-x.wav  [o] play"))
        #expect(s.press("o") == [.openFile("/dl/omi-x.wav", url: F.tien.recordingURL!)])
        #expect(s.status == StatusLine(kind: .info, text: "playing /dl/omi-x.wav"))
        // A progress report that arrives after the end changes nothing.
        s.send(.downloadProgress(Self.tien, Self.half))
        #expect(s.downloads.status[Self.tien] == nil)
    }

    @Test func severalAtOnceEachCancelledOnItsOwn() {
        var s = Self.state()
        s.press("d", "j", "d")
        #expect(s.downloads.status == [Self.tien: .starting, Self.second: .starting])
        s.send(.downloadProgress(Self.second, Self.half))
        // d on a running download cancels it; the other goes on.
        #expect(s.press("d") == [.cancelDownload(Self.second)])
        #expect(s.downloads.status[Self.second] == .cancelled)
        #expect(s.status == StatusLine(kind: .info, text: "download cancelled; what arrived is kept: d goes on from there"))
        #expect(Render.screen(s).text.contains("cancelled, part kept  [d] go on"))
        // What the cancelled task still reports is dropped.
        s.send(.downloadProgress(Self.second, Self.half))
        s.send(.downloadFailed(Self.second, message: "cancelled"))
        #expect(s.downloads.status[Self.second] == .cancelled)
        s.send(.downloadProgress(Self.tien, Self.half))
        #expect(s.downloads.status[Self.tien] == .running(Self.half))
        // d again goes on from the part.
        #expect(s.press("d") == [.download(s.selectedCall!)])
        #expect(s.downloads.status[Self.second] == .starting)
    }

    @Test func aFailureIsShownAndDRetries() throws {
        var s = Self.state()
        s.press("d")
        s.send(.downloadFailed(Self.tien, message: "omi: GET /x: HTTP 404: the recording is not there: Not Found"))
        #expect(s.downloads.status[Self.tien] == .failed("omi: GET /x: HTTP 404: the recording is not there: Not Found"))
        #expect(s.status?.kind == .error && s.status?.text.hasPrefix("download: omi: GET /x: HTTP 404") == true)
        #expect(try #require(downloadLine(s)).contains("failed: omi: GET /x"))
        #expect(s.press("d") == [.download(F.tien)])
    }

    @Test func withoutARecordingDSaysSo() {
        var s = Self.state()
        s.press("j", "j")
        #expect(s.selectedID == F.nhung.id)
        #expect(s.press("d").isEmpty)
        #expect(s.status == StatusLine(kind: .info, text: "this call has no recording"))
        var empty = F.loaded([])
        #expect(empty.press("d").isEmpty)
    }

    @Test func theIndexOfEarlierDownloadsIsUsedAndAMissingFileFallsBackToTheURL() {
        var s = Self.state()
        s.send(.downloadsLoaded([Self.tien: "/dl/earlier.wav"], problem: nil))
        #expect(s.press("o") == [.openFile("/dl/earlier.wav", url: F.tien.recordingURL!)])
        #expect(s.send(.downloadedFileMissing(Self.tien, url: F.tien.recordingURL!)) == [.openURL(F.tien.recordingURL!)])
        #expect(s.downloads.files[Self.tien] == nil)
        #expect(s.press("o") == [.openURL(F.tien.recordingURL!)])
        // An index that cannot be read is said, and nothing else changes.
        s.send(.downloadsLoaded([:], problem: "downloaded recordings: downloads.json: the download index is not readable JSON"))
        #expect(s.status?.kind == .error)
    }

    @Test func anIndexThatCouldNotBeWrittenIsSaidButTheFileIsUsed() {
        var s = Self.state()
        s.press("d")
        s.send(.downloadFinished(Self.tien, file: "/dl/x.wav", indexProblem: "downloads.json: cannot write the download index: No space"))
        #expect(s.status == StatusLine(kind: .error, text: "recording saved to /dl/x.wav, but downloads.json: cannot write the download index: No space"))
        #expect(s.press("o") == [.openFile("/dl/x.wav", url: F.tien.recordingURL!)])
    }
}

/// A recording URL from a provider, a push or a team-store row is opened, fetched or copied
/// only when it is http(s): `file:`, custom schemes and option-like text are refused, saying why.
@Suite("Reducer: recording URLs that are not http(s)")
struct UnsafeRecordingURLTests {
    typealias F = TUIFixtures

    static func state(url: String) -> AppState {
        var call = F.tien
        call.recordingURL = url
        var s = F.loaded([call, F.nhung])
        s.press("enter")
        return s
    }

    @Test(arguments: ["file:///home/agent/.ssh/id_ed25519", "--gpu-launcher=/bin/sh", "javascript:alert(1)", "smb://host/share/x.wav",
                      "zoommtg://join", "http+unix://%2Frun%2Fdocker.sock/containers", "https:///no-host"])
    func oDAndYRefuseWithTheReason(url: String) {
        var s = Self.state(url: url)
        for key in ["o", "d", "y"] {
            #expect(s.press(key) == [], "\(key) on \(url)")
            #expect(s.status?.text.contains("the recording URL is not an http(s) URL") == true, "\(key): \(String(describing: s.status))")
        }
        #expect(s.downloads.status.isEmpty)
    }

    @Test func anHTTPSURLStillOpensAndAFileGoneFallsBackOnlyToAnAllowedURL() {
        var s = Self.state(url: "HTTPS://omi-recordings.example.vn/a.mp3")
        #expect(s.press("o") == [.openURL("HTTPS://omi-recordings.example.vn/a.mp3")])
        var unsafe = Self.state(url: "file:///etc/passwd")
        let key = DownloadKey(unsafe.selectedCall!)
        #expect(unsafe.send(.downloadedFileMissing(key, url: "file:///etc/passwd")) == [])
        #expect(unsafe.status?.kind == .error)
    }

    @Test func aPlayerThatFailsSaysSoInTheStatusLine() {
        var s = Self.state(url: "https://omi-recordings.example.vn/a.mp3")
        s.send(.openFailed("$CALLSCOPE_PLAYER (mpv) could not be started: not found"))
        #expect(s.status == StatusLine(kind: .error, text: "$CALLSCOPE_PLAYER (mpv) could not be started: not found"))
    }
}
