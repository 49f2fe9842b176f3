using System.Net;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Encryption;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Client.Core.Security;
using TuiChat.Client.Menu;
using TuiChat.Client.Tui;
using TuiChat.Protocol;

namespace TuiChat.Client;

/// <summary>
/// Turns parsed options into a running client: asks for a missing user name, reads the password
/// from the named environment variable, warns about passwords on plain TCP, builds the
/// connection and picks the menu or the full-screen client.
/// </summary>
internal static class ClientLauncher
{
    public static int Run(ClientOptions options)
    {
        bool menu = options.Menu || !CanRunFullScreen();
        string? user = options.User;
        if (string.IsNullOrWhiteSpace(user))
        {
            Console.Write("user name: ");
            user = Console.ReadLine()?.Trim();
        }
        if (!NameRules.TryNormalizeUser(user, out string name, out string nameError))
        {
            Console.Error.WriteLine("error: " + nameError);
            return 2;
        }

        string? password = null;
        if (options.PasswordEnv is { } variable)
        {
            password = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(password))
            {
                Console.Error.WriteLine($"error: the environment variable {variable} (--password-env) is not set");
                return 2;
            }
        }
        if (options.Register && password is null)
        {
            Console.Error.WriteLine("error: --register needs a password (--password-env VAR)");
            return 2;
        }

        bool tls = options.Tls || options.TlsFingerprint is not null;
        CertificatePin? pin = null;
        if (options.TlsFingerprint is { } fingerprint && !CertificatePin.TryParse(fingerprint, out pin))
        {
            Console.Error.WriteLine("error: --tls-fingerprint must be a SHA-256 fingerprint in hex (64 digits, ':' allowed)");
            return 2;
        }
        if (password is not null && !tls && !IsLoopback(options.Host))
        {
            Console.Error.WriteLine($"warning: your password goes to {options.Host} over plain TCP, readable by anyone on the path; use --tls");
        }

        var connectionOptions = new ChatConnectionOptions
        {
            Host = options.Host,
            Port = options.Port,
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
            // A registered account encrypts its direct messages; its key file opens with the account password.
            EndToEnd = password is null ? null : new EndToEndOptions(KeyFolder.For(options.Host, options.Port, name), password),
        };
        var connection = new ChatConnection(connectionOptions);
        try
        {
            return menu
                ? MenuClient.Run(settings, connection, Console.In, Console.Out)
                : FullScreenClient.Run(settings, connection);
        }
        finally
        {
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The full-screen UI needs a real terminal on both ends and a TERM that is not "dumb".</summary>
    private static bool CanRunFullScreen() =>
        !Console.IsInputRedirected && !Console.IsOutputRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address);
}
