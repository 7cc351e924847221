namespace AqNet.Core.Impute;

/// <summary>The views a fold is estimated through: the test view reads the fold's input; a validation view also hides
/// that validation set's points and stations.</summary>
public static class ImputeViews
{
    public static ImputeView Test(ImputeTask task, ImputeFold fold) => new(task, fold.Input, fold.Hidden);

    public static ImputeView Validation(ImputeTask task, ImputeFold fold, HiddenPoints points)
    {
        var input = (bool[])fold.Input.Clone();
        for (var i = 0; i < input.Length; i++)
            if (points.Eval[i] || points.Hidden[i % task.S]) input[i] = false;
        return new ImputeView(task, input, points.Hidden);
    }

    /// <summary>Training cells: the fold's training input at training hours, [T, S].</summary>
    public static bool[] TrainingCells(ImputeTask task, ImputeFold fold)
    {
        var m = fold.TrainingInput(task.S);
        for (var i = 0; i < m.Length; i++) if (task.Roles[i / task.S] != HourRole.Train) m[i] = false;
        return m;
    }
}
