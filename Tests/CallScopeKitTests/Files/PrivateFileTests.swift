import CallScopeTestSupport
import Foundation
import Testing
@testable import CallScopeKit

@Suite("Files callscope writes: 0600 in 0700 folders, never through a link") struct PrivateFileTests {
    @Test func anAtomicWriteCreatesThePrivateFileAndItsFoldersAndLeavesNoTemporaryFile() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("a/b/state.json")
            try AtomicFile.write(Data("{}".utf8), to: file)
            #expect(try Data(contentsOf: file) == Data("{}".utf8))
            #expect(FileProbe.mode(file) == 0o600)
            #expect(FileProbe.mode(folder.appendingPathComponent("a")) == 0o700)
            #expect(FileProbe.mode(folder.appendingPathComponent("a/b")) == 0o700)
            #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["state.json"])
        }
    }

    @Test func anAtomicWriteReplacesALinkAtTheFinalPathAndLeavesItsTargetAlone() throws {
        try withFolder { folder in
            let victim = try FileProbe.target(in: folder.appendingPathComponent("elsewhere"))
            let file = folder.appendingPathComponent("downloads.json")
            try FileManager.default.createSymbolicLink(at: file, withDestinationURL: victim.url)
            try AtomicFile.write(Data("new".utf8), to: file)
            #expect(FileProbe.kind(file) == .file && FileProbe.mode(file) == 0o600)
            #expect(try Data(contentsOf: file) == Data("new".utf8))
            #expect(try Data(contentsOf: victim.url) == victim.bytes)
        }
    }

    @Test func aNamedTemporaryFileIsMadeAfreshALinkThereRemovedNotFollowed() throws {
        try withFolder { folder in
            let victim = try FileProbe.target(in: folder.appendingPathComponent("elsewhere"))
            let file = folder.appendingPathComponent("calls.csv"), part = folder.appendingPathComponent("calls.csv.part")
            try FileManager.default.createSymbolicLink(at: part, withDestinationURL: victim.url)
            let output = try AtomicFile(replacing: file, through: part)
            #expect(FileProbe.kind(part) == .file && FileProbe.mode(part) == 0o600)
            try PrivateFile.writeAll(Data("x".utf8), to: output.descriptor, path: part.path)
            try output.commit()
            #expect(FileProbe.kind(part) == .none)
            #expect(try Data(contentsOf: file) == Data("x".utf8))
            #expect(try Data(contentsOf: victim.url) == victim.bytes)
        }
    }

    @Test func withoutACommitTheTemporaryFileIsRemovedAndTheOldFileKept() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("index.json")
            try AtomicFile.write(Data("old".utf8), to: file)
            do {
                let output = try AtomicFile(replacing: file)
                try PrivateFile.writeAll(Data("half".utf8), to: output.descriptor, path: output.temporary.path)
                output.discard()
            }
            #expect(try Data(contentsOf: file) == Data("old".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["index.json"])
        }
    }

    @Test(arguments: [PrivateFile.Opening.append, .truncate])
    func openingRefusesALinkAndWritesNothingThrough(_ opening: PrivateFile.Opening) throws {
        try withFolder { folder in
            let victim = try FileProbe.target(in: folder.appendingPathComponent("elsewhere"))
            let part = folder.appendingPathComponent("cs-1.wav.part")
            try FileManager.default.createSymbolicLink(at: part, withDestinationURL: victim.url)
            let failure = #expect(throws: FileFailure.self) { try PrivateFile.open(part, opening) }
            #expect(failure?.description.contains("symbolic link") == true, "\(String(describing: failure))")
            #expect(FileProbe.kind(part) == .link)
            #expect(try Data(contentsOf: victim.url) == victim.bytes)
        }
    }

    @Test func openingRefusesAFIFOWithoutWaitingForAReader() throws {
        try withFolder { folder in
            let part = folder.appendingPathComponent("cs-1.wav.part")
            #expect(mkfifo(part.path, 0o600) == 0)
            #expect(throws: FileFailure.self) { try PrivateFile.open(part, .append) }
        }
    }

    @Test func anExistingFileOthersCouldReadIsNarrowedAndKept() throws {
        try withFolder { folder in
            let part = folder.appendingPathComponent("cs-1.wav.part")
            #expect(FileManager.default.createFile(atPath: part.path, contents: Data("half".utf8), attributes: [.posixPermissions: 0o644]))
            let descriptor = try PrivateFile.open(part, .append)
            close(descriptor)
            #expect(FileProbe.mode(part) == 0o600)
            #expect(try Data(contentsOf: part) == Data("half".utf8))
        }
    }

    @Test func everyMissingFolderIsCreatedPrivate() throws {
        try withFolder { folder in
            let made = folder.appendingPathComponent("x/y")
            try PrivateFile.createFolder(made)
            #expect(FileProbe.mode(folder.appendingPathComponent("x")) == 0o700 && FileProbe.mode(made) == 0o700)
        }
    }
}
