using CommandLine;
using TuiChat.Protocol;

namespace TuiChat.Server;

/// <summary>The command line of <c>tuichat-server</c>; <c>--help</c> lists it.</summary>
public sealed class CommandLineOptions
{
    [Option("bind", Default = "127.0.0.1", HelpText = "Address to listen on (0.0.0.0 for all).")]
    public string Bind { get; set; } = "127.0.0.1";

    [Option("port", Default = 5000, HelpText = "TCP port (0 picks a free one).")]
    public int Port { get; set; } = 5000;

    [Option("irc-port", HelpText = "Also accept IRC clients on this port (plain text; docs/IRC.md). Off when omitted.")]
    public int? IrcPort { get; set; }

    [Option("irc-tls-port", HelpText = "Also accept IRC clients over TLS on this port, with the --tls-cert certificate. Off when omitted.")]
    public int? IrcTlsPort { get; set; }

    [Option("data", Default = "./data", HelpText = "Data folder: database and uploaded files.")]
    public string DataDirectory { get; set; } = "./data";

    [Option("log", Default = "./logs", HelpText = "Folder for the rolling log files.")]
    public string LogDirectory { get; set; } = "./logs";

    [Option("rate", Default = ProtocolLimits.DefaultRatePerSecond, HelpText = "Requests per second per connection (burst 20); 0 turns the limit off.")]
    public double Rate { get; set; } = ProtocolLimits.DefaultRatePerSecond;

    [Option("max-frame", Default = ProtocolLimits.DefaultMaxFrame, HelpText = "Largest frame in bytes.")]
    public int MaxFrame { get; set; } = ProtocolLimits.DefaultMaxFrame;

    [Option("max-file-mb", Default = 100, HelpText = "Largest upload in MiB.")]
    public int MaxFileMb { get; set; } = 100;

    [Option("admin-password-env", Default = "TUICHAT_ADMIN_PASSWORD", HelpText = "Environment variable holding the admin account's password (unset: no admin login).")]
    public string AdminPasswordEnv { get; set; } = "TUICHAT_ADMIN_PASSWORD";

    [Option("tls-cert", HelpText = "PKCS#12 (.pfx) certificate with its private key: listen with TLS 1.2+ (see docs/STORAGE.md).")]
    public string? TlsCertificate { get; set; }

    [Option("tls-password-env", HelpText = "Environment variable holding the .pfx password (omit for a .pfx without one).")]
    public string? TlsPasswordEnv { get; set; }

    public ServerOptions ToServerOptions(string? adminPassword) => new()
    {
        Bind = Bind,
        Port = Port,
        IrcPort = IrcPort,
        IrcTlsPort = IrcTlsPort,
        DataDirectory = DataDirectory,
        RatePerSecond = Rate,
        MaxFrame = MaxFrame,
        MaxFileBytes = MaxFileMb * 1024L * 1024L,
        AdminPassword = adminPassword,
    };
}
