using System.Net.Sockets;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Security;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Tests.Connection;

/// <summary>Both clients say the same thing, with the same exit code, when the first login fails.</summary>
public sealed class LoginFailureTests
{
    private const string Server = "127.0.0.1:5000";

    [Fact]
    public void ARefusal_IsExitCode2_WithTheServersReasonAndCode()
    {
        LoginFailure failure = LoginFailure.From(new ChatRequestException(ErrorCodes.NameTaken, "the name is taken"), Server)!;
        Assert.Equal(new LoginFailure("login refused: the name is taken (name_taken)", LoginFailure.Refused), failure);
    }

    [Fact]
    public void AnUnreachableOrUntrustedServer_IsExitCode1()
    {
        Assert.Equal(new LoginFailure($"cannot connect to {Server}: refused", LoginFailure.Unreachable),
            LoginFailure.From(new SocketException((int)SocketError.ConnectionRefused, "refused"), Server));
        Assert.Equal(LoginFailure.Unreachable, LoginFailure.From(new TlsTrustException("unknown certificate"), Server)!.ExitCode);
        Assert.Equal(LoginFailure.Unreachable,
            LoginFailure.From(new ChatRequestException(ChatRequestException.Disconnected, "the connection was lost"), Server)!.ExitCode);
    }

    [Fact]
    public void AProgrammingError_IsNoLoginFailure() =>
        Assert.Null(LoginFailure.From(new InvalidOperationException("bug"), Server));
}
