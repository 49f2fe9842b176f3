namespace TuiChat.Server.Tests;

public sealed class LogTextTests
{
    [Fact]
    public void Safe_ReplacesControlCharacters_AndCutsLongText()
    {
        Assert.Equal("evil?[2J?", LogText.Safe("evil\u001b[2J\u0007"));
        Assert.Equal(new string('a', 64) + "...", LogText.Safe(new string('a', 100)));
        Assert.Equal("", LogText.Safe(null));
    }

    [Theory]
    [InlineData("invoice\u202efdp.exe", "invoice?fdp.exe")]
    [InlineData("a\u200bb\u200dc\u2060d\ufeffe", "a?b?c?d?e")]
    [InlineData("x\u2066y\u2069z\u202a", "x?y?z?")]
    public void Safe_MasksBidiControlsAndZeroWidthCharacters(string raw, string logged) =>
        Assert.Equal(logged, LogText.Safe(raw));
}
