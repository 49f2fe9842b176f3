using CommandLine;
using TuiChat.Cli;

namespace TuiChat.Client;

/// <summary>Command-line options of <c>tuichat</c> (CommandLineParser; <c>--help</c> lists them).</summary>
public sealed class ClientOptions
{
    [Option("host", Default = "127.0.0.1", HelpText = "Server host name or address, with :PORT if not --port; several, comma-separated (a:5000,b:5000), are servers of one chat tried in order, and after a lost connection the client reconnects to the next one that answers.")]
    public string Host { get; set; } = "127.0.0.1";

    [Option("port", Default = 5000, HelpText = "Server TCP port.")]
    public int Port { get; set; } = 5000;

    [Option("user", MetaValue = "NAME", HelpText = "User name; asked for when missing.")]
    public string? User { get; set; }

    [Option("password-env", MetaValue = "VAR", HelpText = "Name of an environment variable holding the password. Without it you log in as a guest.")]
    public string? PasswordEnv { get; set; }

    [Option("register", HelpText = "Create the account (needs --password-env) on this first login.")]
    public bool Register { get; set; }

    [Option("menu", HelpText = "Use the numbered-menu client instead of the full-screen one.")]
    public bool Menu { get; set; }

    [Option("downloads", MetaValue = "DIR", Default = "./client_downloads", HelpText = "Folder where received files are saved.")]
    public string Downloads { get; set; } = "./client_downloads";

    [Option("max-lines", Default = TuiChat.Client.Core.ViewModels.ChatSettings.DefaultMaxLines,
        HelpText = "Lines each conversation keeps in memory; older ones are fetched again from history on PageUp.")]
    public int MaxLines { get; set; } = TuiChat.Client.Core.ViewModels.ChatSettings.DefaultMaxLines;

    [Option("tls", HelpText = "Connect with TLS.")]
    public bool Tls { get; set; }

    [Option("config", MetaValue = "PATH", HelpText = "Config file to read instead of $XDG_CONFIG_HOME/tuichat/config.toml (~/.config/tuichat/config.toml); /save-config writes to it.")]
    [CommandLineOnly]
    public string? Config { get; set; }

    [Option("server", MetaValue = "NAME", HelpText = "Use the [servers.NAME] section of the config file (host, port, user, tls...).")]
    [CommandLineOnly]
    public string? Server { get; set; }

    [Option("tls-fingerprint", HelpText = "Trust the server certificate with this SHA-256 fingerprint (hex) instead of the system store. Implies --tls.")]
    public string? TlsFingerprint { get; set; }
}
