import CallScopeTestSupport
import Foundation
import Synchronization
import Testing
@testable import CallScopeKit
@testable import CallScopeSandbox

@Suite("Recording downloads against the sandbox") struct RecordingDownloadTests {
    @Test(arguments: [ProviderKind.caresoft, .omicall, .vbotCRM])
    func aDownloadEqualsTheServedBytes(_ provider: ProviderKind) async throws {
        try await withRecordings { f in
            let call = try await f.recordedCall(provider)
            let reports = Reports()
            let saved = try await f.downloader(provider).download(call, to: f.destination(call)) { reports.add($0) }
            // CareSoft's URL names a .wav file; OMICall's and VBot's have no extension: the content type gives it.
            #expect(saved.file.lastPathComponent == "\(call.account)-\(call.id).wav")
            let token = try await RecordingCredentials.make(for: f.clients.account(provider), tokenCache: f.clients.tokenCache)?.token()
            let served = try await f.served(call, bearer: token)
            #expect(try f.bytes(saved.file) == served && saved.bytes == Int64(served.count))
            #expect(try f.files() == [saved.file.lastPathComponent], "a part was left behind")
            #expect(reports.all.last == DownloadProgress(received: Int64(served.count), total: Int64(served.count), bytesPerSecond: reports.all.last!.bytesPerSecond))
            #expect(f.requests.allSatisfy { $0.range == nil })
        }
    }

    @Test func aDownloadDroppedHalfwayResumesWithARangeRequest() async throws {
        try await withRecordings { f in
            let call = try await f.recordedCall(.caresoft)
            let served = try await f.served(call)
            let final = f.folder.appendingPathComponent("\(call.account)-\(call.id).wav")
            f.clients.sandbox.faults = try .parse("truncate=1,only=/caresoft/khachhang01/recordings")
            let once = RetryPolicy(maxAttempts: 1)
            await #expect(throws: CallScopeError.self) { try await f.downloader(.caresoft, policy: once).download(call, to: f.destination(call)) }
            // Half arrived, under the part's name only.
            #expect(try f.files() == [final.lastPathComponent + ".part"])
            let half = served.count / 2
            #expect(try f.bytes(f.folder.appendingPathComponent(final.lastPathComponent + ".part")) == Array(served[..<half]))

            f.clients.sandbox.faults = .none
            let saved = try await f.downloader(.caresoft).download(call, to: f.destination(call))
            #expect(try saved.file == final && f.bytes(final) == served)
            #expect(f.requests.last == RecordingRequest(path: URL(string: call.recordingURL!)!.path, range: "bytes=\(half)-", status: 206))
            #expect(try f.files() == [final.lastPathComponent])
        }
    }

    @Test func withinOneRunAnInterruptedDownloadGoesOnFromThePart() async throws {
        try await withRecordings { f in
            let call = try await f.recordedCall(.omicall)
            let served = try await f.served(call)
            f.clients.sandbox.faults = try .parse("truncate=0.6,only=/omicall/drive")
            let patient = RetryPolicy(maxAttempts: 30, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2))
            let saved = try await f.downloader(.omicall, policy: patient).download(call, to: f.destination(call))
            #expect(try f.bytes(saved.file) == served)
            // Each try after the first asked for the rest of what the part held.
            let tries = f.requests.dropFirst()
            #expect(tries.count >= 2 && tries.dropFirst().allSatisfy { $0.range != nil && $0.status == 206 })
        }
    }

    @Test func aServerThatIgnoresRangeIsReadFromTheStartAgain() async throws {
        try await withRecordings { f in
            let call = try await f.recordedCall(.caresoft)
            let served = try await f.served(call)
            f.clients.sandbox.faults = try .parse("truncate=1,only=/caresoft/khachhang01/recordings")
            _ = try? await f.downloader(.caresoft, policy: RetryPolicy(maxAttempts: 1)).download(call, to: f.destination(call))
            f.clients.sandbox.faults = try .parse("norange=1")
            let saved = try await f.downloader(.caresoft).download(call, to: f.destination(call))
            #expect(f.requests.last?.range == "bytes=\(served.count / 2)-" && f.requests.last?.status == 200)
            #expect(try f.bytes(saved.file) == served, "the whole file again, not appended to the part")
        }
    }

    @Test func aCompletePartIsRenamedAndAPartThatDoesNotFitStartsOver() async throws {
        try await withRecordings { f in
            let call = try await f.recordedCall(.caresoft)
            let served = try await f.served(call)
            let part = f.folder.appendingPathComponent("\(call.account)-\(call.id).wav.part")
            try FileManager.default.createDirectory(at: f.folder, withIntermediateDirectories: true)
            // Everything arrived before, only the rename was missed: a 416 says the part is whole.
            try Data(served).write(to: part)
            let saved = try await f.downloader(.caresoft).download(call, to: f.destination(call))
            #expect(try f.requests.last?.status == 416 && f.bytes(saved.file) == served)
            // A part longer than the recording is not its beginning: thrown away, fetched again.
            try Data(served + [1, 2, 3]).write(to: part)
            let again = try await f.downloader(.caresoft).download(call, to: f.destination(call))
            #expect(try f.bytes(again.file) == served && f.files() == [saved.file.lastPathComponent])
        }
    }

    @Test func vbotWithoutItsTokenFailsClearly() async throws {
        try await withRecordings { f in
            let call = try await f.recordedCall(.vbotCRM)
            let anonymous = RecordingDownloader(account: call.account, credentials: nil)
            await #expect(throws: CallScopeError.auth(account: call.account, request: "GET \(URL(string: call.recordingURL!)!.path)",
                                                      words: "Authorization has been denied for this request.")) {
                try await anonymous.download(call, to: f.destination(call))
            }
            var wrong = f.clients.account(.vbotCRM)
            wrong.settings = .vbotCRM(VBotSettings(vbotID: "VB0001", projectCode: "PRJ01", botID: nil, auth: .password(username: "sandbox@vbot.vn", password: Secret("nope"))))
            let refused = RecordingDownloader(account: wrong, tokenCache: nil)
            await #expect(throws: CallScopeError.auth(account: call.account, request: "POST /vbot/token", words: "The user name or password is incorrect.")) {
                try await refused.download(call, to: f.destination(call))
            }
            #expect(try f.files().isEmpty)
        }
    }

    @Test func noRecordingMissingNotAudioAndDiskFullSaySo() async throws {
        try await withRecordings { f in
            let downloader = f.downloader(.caresoft)
            var call = try await f.recordedCall(.caresoft)
            let url = call.recordingURL!
            call.recordingURL = nil
            await #expect(throws: DownloadError.noRecording(account: "cs", id: call.id)) { try await downloader.download(call, to: f.destination(call)) }

            call.recordingURL = url.replacingOccurrences(of: ".wav", with: "0.wav")
            await #expect { try await downloader.download(call, to: f.destination(call)) } throws: { error in
                guard case DownloadError.missing(_, _, 404, _) = error else { return false }
                return true
            }
            // A JSON answer (a login page would be HTML) is not saved as a recording.
            call.recordingURL = f.clients.endpoints.omicall + "/api/auth?apiKey=nope"
            await #expect { try await downloader.download(call, to: f.destination(call)) } throws: { error in
                guard case DownloadError.notAudio(_, "GET /omicall/api/auth", "application/json", let words) = error else { return false }
                return words == "api_key_invalid"
            }
            #expect(try f.files().isEmpty)
            // A full disk keeps the part for a resume (the CLI's test fills a real one).
            #expect(DownloadError(FileFailure(path: "/d/x.wav.part", step: "cannot write the file", code: ENOSPC)) == .diskFull(path: "/d/x.wav.part"))
        }
    }

    @Test func aLinkAtThePartIsRefusedALinkAtTheFinalNameReplacedNeitherFollowed() async throws {
        try await withRecordings { f in
            let call = try await f.recordedCall(.caresoft)
            let served = try await f.served(call)
            let elsewhere = URL(fileURLWithPath: f.folder.path + "-elsewhere")
            defer { try? FileManager.default.removeItem(at: elsewhere) }
            let victim = try FileProbe.target(in: elsewhere)
            let final = f.folder.appendingPathComponent("\(call.account)-\(call.id).wav"), part = URL(fileURLWithPath: final.path + ".part")
            try FileManager.default.createDirectory(at: f.folder, withIntermediateDirectories: true)

            try FileManager.default.createSymbolicLink(at: part, withDestinationURL: victim.url)
            let refused = await #expect(throws: DownloadError.self) { try await f.downloader(.caresoft).download(call, to: f.destination(call)) }
            #expect(refused?.description.hasPrefix("\(part.path): cannot open the file: it is a symbolic link") == true, "\(String(describing: refused))")
            #expect(FileProbe.kind(part) == .link && FileProbe.kind(final) == .none)
            #expect(try Data(contentsOf: victim.url) == victim.bytes)

            try FileManager.default.removeItem(at: part)
            try FileManager.default.createSymbolicLink(at: final, withDestinationURL: victim.url)
            let saved = try await f.downloader(.caresoft).download(call, to: f.destination(call))
            #expect(saved.file == final && FileProbe.kind(final) == .file)
            #expect(try f.bytes(final) == served)
            #expect(try Data(contentsOf: victim.url) == victim.bytes)
        }
    }

    @Test func recordingsAndPartsAreMode0600InFoldersMade0700() async throws {
        try await withRecordings { f in
            let call = try await f.recordedCall(.caresoft)
            let folder = f.folder.appendingPathComponent("made/here")
            let destination = DownloadDestination.standard(folder: folder, account: call.account, id: call.id)
            f.clients.sandbox.faults = try .parse("truncate=1,only=/caresoft/khachhang01/recordings")
            await #expect(throws: CallScopeError.self) { try await f.downloader(.caresoft, policy: RetryPolicy(maxAttempts: 1)).download(call, to: destination) }
            let part = folder.appendingPathComponent("\(call.account)-\(call.id).wav.part")
            #expect(FileProbe.kind(part) == .file && FileProbe.mode(part) == 0o600)
            #expect(FileProbe.mode(f.folder.appendingPathComponent("made")) == 0o700 && FileProbe.mode(folder) == 0o700)

            // A part an older callscope left readable by others is narrowed when it is resumed.
            #expect(chmod(part.path, 0o644) == 0)
            f.clients.sandbox.faults = .none
            let saved = try await f.downloader(.caresoft).download(call, to: destination)
            let served = try await f.served(call)
            #expect(FileProbe.mode(saved.file) == 0o600)
            #expect(try f.bytes(saved.file) == served)
        }
    }

    @Test func theExtensionComesFromTheURLElseTheContentType() {
        let plain = URL(string: "https://x.vn/uc?id=1&export=download")!
        #expect(AudioType.fileExtension(url: URL(string: "https://x.vn/a/b.MP3?k=1")!, contentType: "audio/wav") == "mp3")
        #expect(AudioType.fileExtension(url: plain, contentType: "audio/mpeg") == "mp3")
        #expect(AudioType.fileExtension(url: plain, contentType: "audio/x-wav; charset=binary") == "wav")
        #expect(AudioType.fileExtension(url: plain, contentType: "audio/ogg") == "ogg")
        #expect(AudioType.fileExtension(url: plain, contentType: "audio/x-speex") == "speex")
        #expect(AudioType.fileExtension(url: URL(string: "https://x.vn/r/1.wav")!, contentType: "application/octet-stream") == "wav")
        #expect(AudioType.fileExtension(url: plain, contentType: "application/octet-stream") == nil)
        #expect(AudioType.fileExtension(url: plain, contentType: "text/html") == nil)
        #expect(AudioType.fileExtension(url: URL(string: "https://x.vn/r/1.wav")!, contentType: "text/html") == nil)
        #expect(DownloadDestination.safe("../a b/\u{1B}c") == "_._a_b__c")
    }

    @Test func progressReadsForPeople() {
        let p = DownloadProgress(received: 29 * 1024 + 100, total: 64 * 1024, bytesPerSecond: 16 * 1024)
        #expect(p.summary == "29.1 KB of 64.0 KB · 45% · 16.0 KB/s")
        #expect(p.bar(width: 10) == "████░░░░░░")
        #expect(DownloadProgress(received: 812, total: nil, bytesPerSecond: 0).summary == "812 B")
        #expect(ByteCount.text(14_400_000) == "13.7 MB")
    }
}

/// Progress reports as they came.
final class Reports: Sendable {
    private let list = Mutex<[DownloadProgress]>([])
    func add(_ report: DownloadProgress) { list.withLock { $0.append(report) } }
    var all: [DownloadProgress] { list.withLock { $0 } }
}
