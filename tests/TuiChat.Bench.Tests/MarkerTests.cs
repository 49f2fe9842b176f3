namespace TuiChat.Bench.Tests;

public class MarkerTests
{
    [Theory]
    [InlineData(0, 0, 0L)]
    [InlineData(9999, 99_999_999, long.MaxValue)]
    [InlineData(42, 1234, 0x0123456789abcdefL)]
    public void Write_ThenTryParse_RoundTrips(int sender, int seq, long ticks)
    {
        byte[] text = new byte[Marker.Length + 5];
        Marker.Write(text, sender, seq, ticks);

        Assert.True(Marker.TryParse(text, out int s, out int q, out long t));
        Assert.Equal((sender, seq, ticks), (s, q, t));
    }

    [Theory]
    [InlineData("hello, this is not a marker at all")]
    [InlineData("B00x100000001000000000000000a")]
    [InlineData("B000100000001000000000000000G")]
    [InlineData("B0001000000010000")]
    public void TryParse_RejectsOtherText(string text)
    {
        Assert.False(Marker.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out _, out _, out _));
    }
}
