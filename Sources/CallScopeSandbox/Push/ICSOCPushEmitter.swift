import AsyncHTTPClient
import Foundation
import NIOCore

/// Sends CDR pushes to a receiver the way ICSOC does: POST the JSON, and until the answer is JSON
/// with `"code":0`, retry after 15, 15, 30, 180, 1800, 1800, 1800, 1800 and 3600 seconds
/// (multiplied by `clockScale`), then give up. A push can so arrive up to ten times.
public struct ICSOCPushEmitter: Sendable {
    public static let retrySchedule: [Int] = [15, 15, 30, 180, 1800, 1800, 1800, 1800, 3600]

    public struct Delivery: Sendable {
        public let callID: String
        public let attempts: Int
        public let delivered: Bool
        /// Why each failed attempt failed, in order (a push delivered at its third attempt has two).
        public let failures: [String]
        /// Why the last failed attempt failed, when one did.
        public var lastFailure: String? { failures.last }
    }

    let client: HTTPClient
    let clockScale: Double
    let timeout: TimeAmount

    public init(client: HTTPClient = .shared, clockScale: Double = 1, timeout: TimeAmount = .seconds(10)) {
        self.client = client
        self.clockScale = clockScale
        self.timeout = timeout
    }

    /// Delivers one push, retrying on the schedule; returns after success or the last retry.
    public func deliver(_ push: ICSOCPush, to url: String) async -> Delivery {
        var failures: [String] = []
        for attempt in 0...Self.retrySchedule.count {
            if attempt > 0 {
                let wait = Double(Self.retrySchedule[attempt - 1]) * clockScale
                do { try await Task.sleep(for: .milliseconds(Int64(wait * 1000))) } catch { break }
            }
            guard let failure = await attemptOnce(push, to: url) else {
                return Delivery(callID: push.callID, attempts: attempt + 1, delivered: true, failures: failures)
            }
            failures.append(failure)
        }
        return Delivery(callID: push.callID, attempts: Self.retrySchedule.count + 1, delivered: false, failures: failures)
    }

    /// One POST; nil when the receiver acknowledged with `{"code":0}`, else why not.
    public func attemptOnce(_ push: ICSOCPush, to url: String) async -> String? {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: push.body))
        do {
            let response = try await client.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 64 * 1024)
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
                  let code = object["code"] as? NSNumber, code.intValue == 0 else {
                return "HTTP \(response.status.code): \(String(buffer: body).prefix(200))"
            }
            return nil
        } catch {
            return String(describing: error)
        }
    }
}
