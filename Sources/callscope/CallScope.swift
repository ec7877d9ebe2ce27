import ArgumentParser

@main
struct CallScope: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callscope",
        abstract: "Browse the call history of your telephony providers: CareSoft, OMICall, VBot and ICSOC.",
        subcommands: [SandboxCommand.self]
    )
}
