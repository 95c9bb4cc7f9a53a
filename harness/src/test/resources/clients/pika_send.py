"""Publishes one message over AMQP 0-9-1 with pika: pika_send.py PORT VHOST USER PASSWORD QUEUE BODY."""
import sys

import pika

port, vhost, user, password, queue, body = sys.argv[1:7]
params = pika.ConnectionParameters(
    host="127.0.0.1",
    port=int(port),
    virtual_host=vhost,
    credentials=pika.PlainCredentials(user, password),
    socket_timeout=10,
    blocked_connection_timeout=10,
)
connection = pika.BlockingConnection(params)
channel = connection.channel()
channel.basic_publish(
    exchange="",
    routing_key=queue,
    body=body.encode("utf-8"),
    properties=pika.BasicProperties(headers={"type": "test"}),
)
connection.close()
print("sent")
