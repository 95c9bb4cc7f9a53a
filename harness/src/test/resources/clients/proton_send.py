"""Sends one message over AMQP 1.0 with Qpid Proton: proton_send.py URL VHOST ADDRESS BODY."""
import sys

from proton import Message
from proton.utils import BlockingConnection

url, vhost, address, body = sys.argv[1:5]
connection = BlockingConnection(url, timeout=10, virtual_host=vhost)
sender = connection.create_sender(address)
sender.send(Message(body=body, properties={"type": "test"}))
connection.close()
print("sent")
