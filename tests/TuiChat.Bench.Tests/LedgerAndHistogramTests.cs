using System.Diagnostics;

namespace TuiChat.Bench.Tests;

public class LedgerAndHistogramTests
{
    [Fact]
    public void Ledger_CountsEachMessageOncePerReceiver_AndSeesDuplicates()
    {
        var ledger = new DeliveryLedger(receivers: 3, senders: 2, messagesPerSender: 100);

        Assert.True(ledger.Record(0, 1, 99));
        Assert.False(ledger.Record(0, 1, 99));
        Assert.True(ledger.Record(1, 1, 99));
        Assert.True(ledger.Record(1, 0, 0));
        Assert.False(ledger.Record(2, 2, 0));
        Assert.False(ledger.Record(2, 0, 100));

        Assert.Equal(3, ledger.TotalReceived());
        Assert.Equal(1, ledger.TotalDuplicates());
        Assert.Equal(2, ledger.TotalForeign());
    }

    [Fact]
    public void Ledger_SlowestProgress_IsTheMinimumOverReceivers_IgnoringTheExcludedOne()
    {
        var ledger = new DeliveryLedger(receivers: 3, senders: 1, messagesPerSender: 10);
        for (int seq = 0; seq < 5; seq++)
        {
            ledger.Record(1, 0, seq);
        }
        for (int seq = 0; seq < 3; seq++)
        {
            ledger.Record(2, 0, seq);
        }

        Assert.Equal(0, ledger.SlowestProgress(0, excludedReceiver: -1));
        Assert.Equal(3, ledger.SlowestProgress(0, excludedReceiver: 0));
    }

    [Fact]
    public void Histogram_PercentilesAreWithinTwoPercent()
    {
        var histogram = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++)
        {
            histogram.Record(v * 1000);
        }

        Assert.InRange(histogram.Percentile(50), 50_000_000 * 0.98, 50_000_000 * 1.02);
        Assert.InRange(histogram.Percentile(99), 99_000_000 * 0.98, 99_000_000 * 1.02);
        Assert.Equal(100_000_000, histogram.Max);
        Assert.Equal(100_000_000, histogram.Percentile(100));
    }

    [Fact]
    public void Histogram_Add_MergesCountsAndMax()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(10);
        b.Record(Stopwatch.Frequency);

        a.Add(b);

        Assert.Equal(2, a.Count);
        Assert.Equal(Stopwatch.Frequency, a.Max);
        Assert.Equal(10, a.Percentile(50));
    }
}
