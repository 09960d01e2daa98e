"""gongbao: government gazette issues (公报) turned into a policy base."""

__version__ = "0.1.0"
