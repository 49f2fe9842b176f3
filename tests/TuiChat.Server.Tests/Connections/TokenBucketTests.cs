using TuiChat.Server.Connections;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Connections;

public sealed class TokenBucketTests
{
    [Fact]
    public void Burst_ThenRefillAtRate_NeverAboveBurst()
    {
        var time = new ManualTimeProvider();
        var bucket = new TokenBucket(time, ratePerSecond: 10, burst: 20);

        Assert.Equal(20, Enumerable.Range(0, 25).Count(_ => bucket.TryTake()));
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(5, Enumerable.Range(0, 25).Count(_ => bucket.TryTake()));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(20, Enumerable.Range(0, 25).Count(_ => bucket.TryTake()));
    }

    [Fact]
    public void RateZero_TurnsTheLimitOff()
    {
        var bucket = new TokenBucket(new ManualTimeProvider(), ratePerSecond: 0, burst: 20);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(bucket.TryTake()));
    }
}
