import ArgumentParser
import AsyncHTTPClient
import CallScopeSandbox
import Foundation
import NIOCore

/// How fast the sandbox serves a 500-call CareSoft page from a small and from a huge history.
struct SandboxBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "CareSoft pages of 500 calls from sandboxes of --small and --calls calls per provider."
    )

    @Option(help: "Calls per provider of the large sandbox.")
    var calls = 1_000_000

    @Option(help: "Calls per provider of the small sandbox it is compared with.")
    var small = 20_000

    @Option(help: "Pages fetched per measurement.")
    var pages = 200

    func run() async throws {
        print("sandbox: CareSoft 500-call pages, \(pages) sequential requests per row, one client on loopback")
        print("calls/provider  filter         pages/s  median ms  p95 ms  bytes/page   RSS MiB  peak MiB")
        for count in [small, calls] {
            var options = SandboxOptions()
            options.callsPerProvider = count
            options.caresoftRequestsPerSecond = 1_000_000
            let sandbox = Sandbox(options: options)
            let endpoints = try await sandbox.start()
            let base = endpoints.caresoft + "/khachhang01/api/v1/calls?count=500&order_type=desc"
            for (label, extra, n) in [("none", "", pages), ("phone", "&phone=09", max(5, pages / 20))] {
                var latencies: [Double] = []
                var bytes = 0
                let total = try await Measure.time {
                    for i in 0..<n {
                        let page = 1 + i % 10  // both histories have at least 10 full pages in 31 days
                        latencies.append(try await Measure.time { bytes = try await fetch(base + extra + "&page=\(page)") })
                    }
                }
                let (rss, peak) = Measure.memory()
                print([String(count).padding(14), label.padding(13), Measure.format(Double(n) / total).padding(8, left: true),
                       Measure.format(Measure.median(latencies) * 1000).padding(10, left: true),
                       Measure.format(Measure.percentile(latencies, 0.95) * 1000).padding(7, left: true),
                       String(bytes).padding(11, left: true), Measure.format(rss).padding(9, left: true),
                       Measure.format(peak).padding(9, left: true)].joined(separator: " "))
            }
            await sandbox.stop()
        }
    }

    private func fetch(_ url: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer " + SandboxCredentials().caresoftToken)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok else { throw ValidationError("HTTP \(response.status.code): \(String(buffer: body).prefix(200))") }
        return body.readableBytes
    }
}

extension String {
    func padding(_ width: Int, left: Bool = false) -> String {
        let pad = String(repeating: " ", count: max(0, width - count))
        return left ? pad + self : self + pad
    }
}
