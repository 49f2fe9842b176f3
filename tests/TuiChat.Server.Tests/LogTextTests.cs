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
}
