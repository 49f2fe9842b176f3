using TuiChat.Server.Accounts;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Accounts;

public sealed class LoginThrottleTests
{
    [Fact]
    public void Account_IsBlockedAfterLimit_AndFreedWhenFailuresAgeOut()
    {
        var time = new ManualTimeProvider();
        var throttle = new LoginThrottle(time, maxFailures: 3, window: TimeSpan.FromMinutes(1));

        for (int i = 0; i < 3; i++)
        {
            Assert.False(throttle.IsBlocked("alice", "10.0.0." + i));
            throttle.RecordFailure("alice", "10.0.0." + i);
        }

        Assert.True(throttle.IsBlocked("alice", "10.0.0.9"));
        Assert.False(throttle.IsBlocked("bob", "10.0.0.9"));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.True(throttle.IsBlocked("alice", "10.0.0.9"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(throttle.IsBlocked("alice", "10.0.0.9"));
    }

    [Fact]
    public void Address_IsBlockedAfterFailuresOnManyAccounts()
    {
        var time = new ManualTimeProvider();
        var throttle = new LoginThrottle(time, maxFailures: 3, window: TimeSpan.FromMinutes(1));

        throttle.RecordFailure("a", "1.2.3.4");
        throttle.RecordFailure("b", "1.2.3.4");
        throttle.RecordFailure("c", "1.2.3.4");

        Assert.True(throttle.IsBlocked("d", "1.2.3.4"));
        Assert.False(throttle.IsBlocked("d", "5.6.7.8"));
    }

    [Fact]
    public void Success_ClearsTheAccountsFailures()
    {
        var throttle = new LoginThrottle(new ManualTimeProvider(), maxFailures: 2, window: TimeSpan.FromMinutes(1));
        throttle.RecordFailure("alice", "a1");

        throttle.RecordSuccess("alice");
        throttle.RecordFailure("alice", "a2");

        Assert.False(throttle.IsBlocked("alice", "a3"));
    }
}
