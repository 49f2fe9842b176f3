using System.Net.Sockets;
using System.Security.Authentication;
using TuiChat.Client.Core.Security;

namespace TuiChat.Client.Core.Connection;

/// <summary>
/// Why the first login failed, in words for the user and as an exit code, for both clients:
/// the server refused (2), or could not be reached or trusted (1). Anything else is a bug and
/// is left to propagate.
/// </summary>
public sealed record LoginFailure(string Message, int ExitCode)
{
    public const int Refused = 2;
    public const int Unreachable = 1;

    /// <summary>The failure <paramref name="error"/> stands for, or null when it is not a login failure.</summary>
    public static LoginFailure? From(Exception error, string serverAddress)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            ChatRequestException { Code: ChatRequestException.Disconnected } e =>
                new LoginFailure($"cannot connect to {serverAddress}: {e.Message}", Unreachable),
            ChatRequestException e => new LoginFailure($"login refused: {e.Message} ({e.Code})", Refused),
            SocketException or IOException or TimeoutException or AuthenticationException or TlsTrustException =>
                new LoginFailure($"cannot connect to {serverAddress}: {error.Message}", Unreachable),
            _ => null,
        };
    }
}
