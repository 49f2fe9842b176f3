using System.Net;
using TuiChat.Client.Configuration;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Encryption;
using TuiChat.Client.Core.Security;
using TuiChat.Client.Core.Settings;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Client.Menu;
using TuiChat.Client.Tui;
using TuiChat.Protocol;

namespace TuiChat.Client;

/// <summary>
/// What the parsed options turn into: the connection's settings, the chat settings and which
/// client runs. Everything an option changes is here, so a test can check that no option is
/// parsed and then dropped.
/// </summary>
/// <param name="Pin">The pinned certificate fingerprint, when <c>--tls-fingerprint</c> was given.</param>
internal sealed record LaunchPlan(ChatConnectionOptions Connection, ChatSettings Settings, bool Menu, bool Tls, CertificatePin? Pin);

/// <summary>
/// Turns parsed options into a running client: asks for a missing user name, reads the password
/// from the named environment variable, warns about passwords on plain TCP, builds the
/// connection and picks the menu or the full-screen client.
/// </summary>
internal static class ClientLauncher
{
    public static int Run(ClientOptions options, LoadedConfig config)
    {
        LaunchPlan? plan = Plan(options, Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariable, CanRunFullScreen(), config);
        if (plan is null)
        {
            return 2;
        }
        var connection = new ChatConnection(plan.Connection);
        try
        {
            return plan.Menu
                ? MenuClient.Run(plan.Settings, connection, Console.In, Console.Out,
                    Console.IsInputRedirected ? null : () => Console.ReadKey(intercept: true))
                : FullScreenClient.Run(plan.Settings, connection);
        }
        finally
        {
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Checks the options and builds the plan; null (after saying why on <paramref name="error"/>) when they cannot work.</summary>
    /// <param name="environment">Reads an environment variable (the password's).</param>
    /// <param name="canRunFullScreen">False when the terminal cannot show the full-screen client.</param>
    /// <param name="config">The config file's preferences and problems; null for the defaults and nowhere to save.</param>
    public static LaunchPlan? Plan(ClientOptions options, TextReader input, TextWriter output, TextWriter error,
        Func<string, string?> environment, bool canRunFullScreen, LoadedConfig? config = null)
    {
        string? user = options.User;
        if (string.IsNullOrWhiteSpace(user))
        {
            output.Write("user name: ");
            user = input.ReadLine()?.Trim();
        }
        if (!NameRules.TryNormalizeUser(user, out string name, out string nameError))
        {
            error.WriteLine("error: " + nameError);
            return null;
        }

        string? password = null;
        if (options.PasswordEnv is { } variable)
        {
            password = environment(variable);
            if (string.IsNullOrEmpty(password))
            {
                error.WriteLine($"error: the environment variable {variable} (--password-env) is not set");
                return null;
            }
        }
        if (options.Register && password is null)
        {
            error.WriteLine("error: --register needs a password (--password-env VAR)");
            return null;
        }

        if (options.MaxLines < 1)
        {
            error.WriteLine("error: --max-lines must be at least 1");
            return null;
        }

        bool tls = options.Tls || options.TlsFingerprint is not null;
        CertificatePin? pin = null;
        if (options.TlsFingerprint is { } fingerprint && !CertificatePin.TryParse(fingerprint, out pin))
        {
            error.WriteLine("error: --tls-fingerprint must be a SHA-256 fingerprint in hex (64 digits, ':' allowed)");
            return null;
        }
        if (!ServerEndpoint.TryParseList(options.Host, options.Port, out IReadOnlyList<ServerEndpoint> servers, out string hostError))
        {
            error.WriteLine("error: --host: " + hostError);
            return null;
        }
        foreach (ServerEndpoint remote in servers.Where(s => password is not null && !tls && !IsLoopback(s.Host)))
        {
            error.WriteLine($"warning: your password goes to {remote.Host} over plain TCP, readable by anyone on the path; use --tls");
        }

        var connection = new ChatConnectionOptions
        {
            Host = servers[0].Host,
            Port = servers[0].Port,
            FailoverServers = [.. servers.Skip(1)],
            User = name,
            Password = password,
            Register = options.Register,
            WrapStream = tls
                ? async (stream, host, cancellation) => await TlsClientStreamFactory.AuthenticateAsync(stream, host, pin, cancellation).ConfigureAwait(false)
                : null,
        };
        var settings = new ChatSettings
        {
            DownloadsFolder = options.Downloads,
            MaxLinesPerConversation = options.MaxLines,
            // A registered account encrypts its direct messages; its key file opens with the account password.
            EndToEnd = password is null ? null : new EndToEndOptions(KeyFolder.For(servers[0].Host, servers[0].Port, name), password),
        };
        if (config is not null)
        {
            Preferences preferences = config.Content.Preferences;
            settings = settings with
            {
                Preferences = preferences,
                Catalog = config.Catalog,
                Store = new PreferenceFile(config.Path, config.Catalog, preferences),
                StartupNotices = config.Content.Problems,
            };
        }
        return new LaunchPlan(connection, settings, options.Menu || !canRunFullScreen, tls, pin);
    }

    /// <summary>The full-screen UI needs a real terminal on both ends and a TERM that is not "dumb".</summary>
    private static bool CanRunFullScreen() =>
        !Console.IsInputRedirected && !Console.IsOutputRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address);
}
