import Hummingbird
import Crypto
import CryptoExtras
