using Terminal.Gui.App;
using TuiChat.Client.Tui;

namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// The input that decodes a paste's characters whole (<see cref="WholeCharacterInput"/>) goes in
/// through a field of Terminal.Gui 2.5.0's that is not public API: this fails first when a new
/// version moves it, before a paste of accents or CJK starts losing characters again. What it
/// does for a paste is checked through the real client in tmux (FullScreenEndToEndTests).
/// </summary>
[Collection(TerminalGuiSerial.Name)]
public sealed class WholeCharacterInputTests
{
    [Fact]
    public void GoesUnderTheAnsiDriver_OfAnApplicationNotYetInitialised_Once()
    {
        IApplication app = Application.Create();
        try
        {
            Assert.True(WholeCharacterInput.Install(app));
            Assert.False(WholeCharacterInput.Install(app));
        }
        finally
        {
            app.Dispose();
        }
    }
}
