namespace TuiChat.Tools.Tests;

/// <summary>The checkout these tests were built from: the folder with TuiChat.sln above the test assembly.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TuiChat.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("TuiChat.sln not found above " + AppContext.BaseDirectory);
    }
}
