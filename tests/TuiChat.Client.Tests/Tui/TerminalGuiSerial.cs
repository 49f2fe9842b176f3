namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// Terminal.Gui keeps key bindings, theme and driver choice in process-wide statics, so every
/// test that creates an application runs in this one collection, never in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TerminalGuiSerial
{
    public const string Name = "Terminal.Gui";
}
