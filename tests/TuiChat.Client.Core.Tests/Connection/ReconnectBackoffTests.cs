using TuiChat.Client.Core.Connection;

namespace TuiChat.Client.Core.Tests.Connection;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 0.5, 1)]
    [InlineData(1, 1, 2)]
    [InlineData(3, 4, 8)]
    [InlineData(10, 15, 30)]
    [InlineData(1000, 15, 30)]
    public void Delay_DoublesPerAttempt_UpToTheMaximum_WithJitterInTheUpperHalf(int attempt, double lowSeconds, double highSeconds)
    {
        TimeSpan lowest = ReconnectBackoff.Delay(attempt, Initial, Max, random: 0);
        TimeSpan highest = ReconnectBackoff.Delay(attempt, Initial, Max, random: 0.999999);

        Assert.Equal(lowSeconds, lowest.TotalSeconds, precision: 3);
        Assert.Equal(highSeconds, highest.TotalSeconds, precision: 3);
    }

    [Theory]
    [InlineData(ConnectionState.Reconnecting, 2.2, null, "reconnecting in 3s")]
    [InlineData(ConnectionState.Reconnecting, 0.1, null, "reconnecting in 1s")]
    [InlineData(ConnectionState.Disconnected, null, "bad password", "disconnected: bad password")]
    [InlineData(ConnectionState.Connected, null, null, "connected")]
    public void Status_DescribesItselfForTheStatusLine(ConnectionState state, double? retrySeconds, string? reason, string expected)
    {
        var status = new ConnectionStatus(state, retrySeconds is { } s ? TimeSpan.FromSeconds(s) : null, reason);
        Assert.Equal(expected, status.Describe());
    }
}
