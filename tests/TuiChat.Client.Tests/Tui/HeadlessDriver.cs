using System.Runtime.CompilerServices;

namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// Terminal.Gui must not touch the real console inside the test host: without this, a
/// <c>dotnet test</c> started from a terminal hangs and leaves that terminal in mouse mode.
/// It has to be set before any Terminal.Gui type initialises, hence a module initializer.
/// </summary>
internal static class HeadlessDriver
{
    public const string EnvironmentVariable = "DisableRealDriverIO";

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Must run before any Terminal.Gui code in the test process.")]
    internal static void DisableRealConsole()
    {
        Environment.SetEnvironmentVariable(EnvironmentVariable, "1");
        // A developer's Terminal.Gui config must not change what the tests see.
        Environment.SetEnvironmentVariable("TUI_CONFIG", null);
    }
}
