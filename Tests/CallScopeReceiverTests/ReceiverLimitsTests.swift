import CallScopeKit
import Foundation
import Testing
@testable import CallScopeReceiver

/// What the receiver does with connections that hold it up: silent ones, requests sent in part or
/// a byte at a time, bodies over the limit, more connections than it takes. The request timeout
/// is a second here (30 s in `callscope receive`).
@Suite("push receiver connection limits") struct ReceiverLimitsTests {
    static let timeout = Duration.seconds(1)

    @Test func aConnectionThatSendsNothingIsClosed() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver(requestTimeout: Self.timeout).start()
        let connection = try RawConnection(port: running.port)
        #expect(await connection.readToEnd() == [], "closed without an answer")
        await running.stop()
    }

    @Test func aHalfSentRequestIsClosedAndStoresNothing() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver(requestTimeout: Self.timeout).start()
        let push = try bench.pushes(1, encrypt: false)[0]
        let body = Array(push.body.utf8)
        // the head alone, unfinished
        let head = try RawConnection(port: running.port)
        await head.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
        #expect(await head.readToEnd() == [])
        // the whole head and half the body
        let half = try RawConnection(port: running.port)
        await half.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
        await half.send(Array(body.prefix(body.count / 2)))
        #expect(await half.readToEnd() == [])
        #expect(try await bench.storedCount() == 0)
        await running.stop()
    }

    @Test func aBodySentAByteAtATimeIsCutOff() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver(requestTimeout: Self.timeout).start()
        let body = Array(try bench.pushes(1, encrypt: false)[0].body.utf8)
        let connection = try RawConnection(port: running.port)
        await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
        // each byte restarts an idle timer; the request as a whole still has its deadline
        var sent = 0
        while sent < body.count, await connection.send([body[sent]]) {
            sent += 1
            try await Task.sleep(for: .milliseconds(50))
            if connection.isClosedByReceiver { break }
        }
        #expect(sent < body.count, "the whole body went through")
        #expect(try await bench.storedCount() == 0)
        await running.stop()
    }

    @Test func aContentLengthOverTheLimitIsAnswered413BeforeAnyBody() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver().start()
        let connection = try RawConnection(port: running.port)
        await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(PushVerifier.maximumBodyBytes + 1)\r\n\r\n")
        // no byte of the body sent: the answer comes, then the receiver's side ends
        let answer = try #require(await connection.readToEnd().flatMap(RawAnswer.init))
        #expect(answer.status == 413)
        #expect(code(answer.body).map { $0 != 0 } == true, "\(answer.body)")
        #expect(bench.logs.withLock { $0.count } == 1)
        await running.stop()
    }

    @Test func aChunkedBodyIsRefusedOnceItPassesTheLimit() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver().start()
        let connection = try RawConnection(port: running.port)
        await connection.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        let chunk = 64 << 10
        let piece = Array("\(String(chunk, radix: 16))\r\n".utf8) + [UInt8](repeating: UInt8(ascii: " "), count: chunk) + Array("\r\n".utf8)
        // just over the limit, and the body never ended (no last chunk)
        for _ in 0...(PushVerifier.maximumBodyBytes / chunk) { await connection.send(piece) }
        let answer = try #require(await connection.readToEnd().flatMap(RawAnswer.init))
        #expect(answer.status == 413 && code(answer.body).map { $0 != 0 } == true, "\(answer.body)")
        await running.stop()
    }

    @Test func connectionsOverTheCapWaitForOneToClose() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver(requestTimeout: .seconds(2), maximumConnections: 2).start()
        // two connections, each answered once (so both are taken) and then left open
        // Each opened just before its request: the receiver's deadline runs from the moment a
        // connection is ready, and a loaded machine could spend it before a later one is used.
        var held: [RawConnection] = []
        for _ in 0..<2 {
            let connection = try RawConnection(port: running.port)
            await connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await connection.readAnswer()?.status == 405)
            held.append(connection)
        }
        // the third is taken only once one of those is closed by its timeout
        let push = try bench.pushes(1, encrypt: false)[0]
        let body = Array(push.body.utf8)
        let third = try RawConnection(port: running.port)
        await third.send(Array("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8) + body)
        let answer = try #require(await third.readToEnd().flatMap(RawAnswer.init))
        #expect(answer.status == 200 && answer.body == #"{"code":0}"#)
        #expect(held.contains { $0.isClosedByReceiver }, "the third was answered while both others were held")
        #expect(try await bench.stored(push.callID) != nil)
        await running.stop()
    }
}
