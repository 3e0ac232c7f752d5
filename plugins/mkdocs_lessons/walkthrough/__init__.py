"""Stepped code walkthroughs: ``//// walkthrough`` blocks in a lesson, and CodeTour files.

``parser`` reads the blocks (with line numbers for every message) into the ``model``; ``focus``
resolves which lines each step is about, ``diff`` which lines changed; ``codetour`` maps a
``.tour`` file onto the same model; ``render`` writes the HTML that reads without JavaScript
and that ``assets/js/walkthrough.js`` turns into a player.
"""
