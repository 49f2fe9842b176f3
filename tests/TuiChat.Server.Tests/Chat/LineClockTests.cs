using TuiChat.Server.Chat;

namespace TuiChat.Server.Tests.Chat;

public sealed class LineClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 7, 20, 0, 123, TimeSpan.Zero);
    private readonly LineClock _clock = new();

    [Fact]
    public void LinesOfOneMillisecond_TakeTheNextOnes_AndTheClockTakesOverWhenItPassesThem()
    {
        DateTimeOffset within = T0.AddTicks(4_321);
        Assert.Equal(T0, _clock.Next(within));
        Assert.Equal(T0.AddMilliseconds(1), _clock.Next(within));
        Assert.Equal(T0.AddMilliseconds(2), _clock.Next(T0.AddTicks(9_999)));
        Assert.Equal(T0.AddMilliseconds(10), _clock.Next(T0.AddMilliseconds(10).AddTicks(5)));
    }

    [Fact]
    public void AClockSetBackALittle_KeepsTimesRising_AndMuchFurther_IsFollowed()
    {
        _clock.Next(T0);
        Assert.Equal(T0.AddMilliseconds(1), _clock.Next(T0.AddMilliseconds(-500)));
        DateTimeOffset anHourBack = T0.AddHours(-1);
        Assert.Equal(anHourBack, _clock.Next(anHourBack));
    }

    [Fact]
    public void ABurstOfMoreThanAThousandLinesInAMillisecond_LeadsTheClockBySecondAtMost()
    {
        DateTimeOffset last = T0;
        for (int i = 0; i < 5_000; i++)
        {
            last = _clock.Next(T0);
            Assert.InRange(last - T0, TimeSpan.Zero, LineClock.MaxLead);
        }
        Assert.True(last < T0 + LineClock.MaxLead);
    }
}
